using System.Security.Claims;
using Cordon.Application.Members;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Members;

/// <summary>The node's member directory: organisations, their keys and users.</summary>
public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/organisations").WithTags("Members");
        group.MapPost("/", Create).RequireAuthorization(Policies.OperateNode)
            .WithName("CreateOrganisation").WithSummary("Add a member organisation (node administrators)");
        group.MapGet("/", List).RequireAuthorization(Policies.Read)
            .WithName("ListOrganisations").WithSummary("The node's member organisations");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Read)
            .WithName("GetOrganisation").WithSummary("One member organisation");
        group.MapPost("/{id:guid}/keys", CreateKey).RequireAuthorization(Policies.AdministerRouteOrganisation)
            .WithName("CreateKey").WithSummary("Issue an API key; the key is in this response only");
        group.MapGet("/{id:guid}/keys", ListKeys).RequireAuthorization(Policies.AdministerRouteOrganisation)
            .WithName("ListKeys").WithSummary("An organisation's keys, without secrets");
        group.MapPost("/{id:guid}/users", CreateUser).RequireAuthorization(Policies.AdministerRouteOrganisation)
            .WithName("CreateUser").WithSummary("Add a user to an organisation");
        group.MapGet("/{id:guid}/users", ListUsers).RequireAuthorization(Policies.AdministerRouteOrganisation)
            .WithName("ListUsers").WithSummary("An organisation's users");
        return group;
    }

    private static async Task<Created<OrganisationResponse>> Create(CreateOrganisationRequest request, ClaimsPrincipal user,
        MemberDirectory directory, CancellationToken cancellationToken)
    {
        var organisation = await directory.CreateOrganisationAsync(user.ToActor(), request.Name, request.Sector, request.Country,
            cancellationToken: cancellationToken);
        return TypedResults.Created($"/api/v1/organisations/{organisation.Id}", OrganisationResponse.From(organisation));
    }

    private static async Task<Ok<List<OrganisationResponse>>> List(MemberDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok((await directory.ListOrganisationsAsync(cancellationToken)).Select(OrganisationResponse.From).ToList());

    private static async Task<Ok<OrganisationResponse>> Get(Guid id, MemberDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(OrganisationResponse.From(await directory.GetOrganisationAsync(id, cancellationToken)));

    private static async Task<Created<CreatedKeyResponse>> CreateKey(Guid id, CreateKeyRequest request, ClaimsPrincipal user,
        MemberDirectory directory, CancellationToken cancellationToken)
    {
        var issued = await directory.CreateKeyAsync(user.ToActor(), id, request.Name, request.Roles, cancellationToken: cancellationToken);
        var key = issued.Key;
        return TypedResults.Created($"/api/v1/keys/{key.Id}", new CreatedKeyResponse(key.Id, key.OrganisationId, key.Name,
            Cordon.Core.Members.RoleSet.FromFlags(key.RoleFlags), issued.Secret, key.CreatedAt));
    }

    private static async Task<Ok<List<KeyResponse>>> ListKeys(Guid id, ClaimsPrincipal user, MemberDirectory directory,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await directory.ListKeysAsync(user.ToActor(), id, cancellationToken)).Select(KeyResponse.From).ToList());

    private static async Task<Created<UserResponse>> CreateUser(Guid id, CreateUserRequest request, ClaimsPrincipal user,
        MemberDirectory directory, CancellationToken cancellationToken)
    {
        var created = await directory.CreateUserAsync(user.ToActor(), id, request.Email, request.DisplayName, request.Roles,
            request.Password, cancellationToken);
        return TypedResults.Created($"/api/v1/organisations/{id}/users/{created.Id}", UserResponse.From(created));
    }

    private static async Task<Ok<List<UserResponse>>> ListUsers(Guid id, ClaimsPrincipal user, MemberDirectory directory,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await directory.ListUsersAsync(user.ToActor(), id, cancellationToken)).Select(UserResponse.From).ToList());
}
