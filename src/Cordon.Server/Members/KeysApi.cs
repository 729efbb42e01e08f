using System.Security.Claims;
using Cordon.Application.Members;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Members;

public static class KeysApi
{
    public static RouteGroupBuilder MapKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/keys").WithTags("Members").RequireAuthorization(Policies.Administer);
        group.MapDelete("/{id:guid}", Revoke).WithName("RevokeKey").WithSummary("Revoke an API key at once");
        return group;
    }

    private static async Task<Ok<KeyResponse>> Revoke(Guid id, ClaimsPrincipal user, MemberDirectory directory,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(KeyResponse.From(await directory.RevokeKeyAsync(user.ToActor(), id, cancellationToken)));
}
