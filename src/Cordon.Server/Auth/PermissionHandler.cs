using Cordon.Core.Members;
using Microsoft.AspNetCore.Authorization;

namespace Cordon.Server.Auth;

/// <summary>The caller must be granted the permission; a peer's credential only where the route allows peers.</summary>
public sealed record PermissionRequirement(Permission Permission, bool PeersAllowed) : IAuthorizationRequirement;

/// <summary>The caller must administer the organisation whose id is the named route value (the resource).</summary>
public sealed record RouteOrganisationRequirement(string RouteValue) : IAuthorizationRequirement;

/// <summary>
/// Decides Cordon's requirements from the request's <see cref="Caller"/> with <see cref="Permissions"/>' table — the
/// same table the services consult — and gives the table's refusal as the failure reason that
/// <see cref="RefusalWriter"/> shows.
/// </summary>
public sealed class PermissionHandler : IAuthorizationHandler
{
    private const string PeerRefusal = "A federation peer's credential reaches TAXII and screening only.";

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Resource is not HttpContext http || RequestCaller.Find(http) is not { } caller)
        {
            return Task.CompletedTask;
        }
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var refusal = requirement switch
            {
                PermissionRequirement { PeersAllowed: false } when caller.IsPeer => PeerRefusal,
                PermissionRequirement r => caller.Actor.Grants(r.Permission) ? null : Permissions.Refusal(r.Permission),
                RouteOrganisationRequirement when caller.IsPeer => PeerRefusal,
                RouteOrganisationRequirement r => Guid.TryParse(http.GetRouteValue(r.RouteValue) as string, out var organisationId)
                                                  && caller.Actor.MayAdminister(organisationId)
                    ? null
                    : "Only an administrator of this organisation, or of the node, may do this.",
                _ => "",
            };
            if (refusal is null)
            {
                context.Succeed(requirement);
            }
            else if (refusal.Length > 0)
            {
                context.Fail(new AuthorizationFailureReason(this, refusal));
            }
        }
        return Task.CompletedTask;
    }
}
