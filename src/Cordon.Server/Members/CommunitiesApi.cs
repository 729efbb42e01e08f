using System.Security.Claims;
using Cordon.Application.Members;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Members;

/// <summary>Communities: named sets of organisations that items can be shared with.</summary>
public static class CommunitiesApi
{
    public static RouteGroupBuilder MapCommunities(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/communities").WithTags("Members");
        group.MapPost("/", Create).RequireAuthorization(Policies.OperateNode)
            .WithName("CreateCommunity").WithSummary("Create a community (node administrators)");
        group.MapGet("/", List).RequireAuthorization(Policies.Read)
            .WithName("ListCommunities").WithSummary("Communities the caller belongs to (all, for the node operator)");
        group.MapPut("/{id:guid}/members/{organisationId:guid}", AddMember).RequireAuthorization(Policies.OperateNode)
            .WithName("AddCommunityMember").WithSummary("Add an organisation to a community");
        group.MapDelete("/{id:guid}/members/{organisationId:guid}", RemoveMember).RequireAuthorization(Policies.OperateNode)
            .WithName("RemoveCommunityMember").WithSummary("Remove an organisation from a community");
        return group;
    }

    private static async Task<Created<CommunityResponse>> Create(CreateCommunityRequest request, ClaimsPrincipal user,
        MemberDirectory directory, CancellationToken cancellationToken)
    {
        var community = await directory.CreateCommunityAsync(user.ToActor(), request.Name, request.Members, cancellationToken);
        return TypedResults.Created($"/api/v1/communities/{community.Id}", CommunityResponse.From(community));
    }

    private static async Task<Ok<List<CommunityResponse>>> List(ClaimsPrincipal user, MemberDirectory directory,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await directory.ListCommunitiesAsync(user.ToActor(), cancellationToken)).Select(CommunityResponse.From).ToList());

    private static async Task<Ok<CommunityResponse>> AddMember(Guid id, Guid organisationId, ClaimsPrincipal user,
        MemberDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(CommunityResponse.From(
            await directory.SetCommunityMembershipAsync(user.ToActor(), id, organisationId, member: true, cancellationToken)));

    private static async Task<Ok<CommunityResponse>> RemoveMember(Guid id, Guid organisationId, ClaimsPrincipal user,
        MemberDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(CommunityResponse.From(
            await directory.SetCommunityMembershipAsync(user.ToActor(), id, organisationId, member: false, cancellationToken)));
}
