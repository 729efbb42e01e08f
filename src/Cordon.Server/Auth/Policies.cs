using Cordon.Core.Members;
using Cordon.Server.WebConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Cordon.Server.Auth;

/// <summary>
/// One endpoint policy per <see cref="Permission"/>, decided by <see cref="PermissionHandler"/> from the request's one
/// <see cref="Caller"/> and the one permission table. Every policy but <see cref="ReadOrPeer"/> is for members only: a
/// federation peer's credential reaches only the routes that name that policy (TAXII and screening), and every other
/// route, the fallback included, answers 403 — so a route added later is closed to peers unless it says otherwise.
/// </summary>
public static class Policies
{
    public const string Read = "read";
    public const string Contribute = "contribute";
    public const string Respond = "respond";
    public const string Administer = "administer";
    public const string OperateNode = "operate-node";

    /// <summary>Administer the organisation named by the route's <c>{id}</c>: its own administrators or the node's.</summary>
    public const string AdministerRouteOrganisation = "administer-route-organisation";

    /// <summary>A member with any role, or a federation peer (whose rules then decide what it sees).</summary>
    public const string ReadOrPeer = "read-or-peer";

    public static IServiceCollection AddCordonAuthentication(this IServiceCollection services)
    {
        services.AddRequestCaller();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, Federation.TaxiiAuthenticationHandler>(Federation.TaxiiAuthenticationHandler.SchemeName, null)
            .AddConsoleCookie();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalWriter>();
        var member = Policy(new PermissionRequirement(Permission.Read, PeersAllowed: false));
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(member)
            .SetFallbackPolicy(member)
            .AddPolicy(Read, member)
            .AddPolicy(Contribute, Policy(new PermissionRequirement(Permission.Contribute, PeersAllowed: false)))
            .AddPolicy(Respond, Policy(new PermissionRequirement(Permission.Respond, PeersAllowed: false)))
            .AddPolicy(Administer, Policy(new PermissionRequirement(Permission.Administer, PeersAllowed: false)))
            .AddPolicy(OperateNode, Policy(new PermissionRequirement(Permission.OperateNode, PeersAllowed: false)))
            .AddPolicy(AdministerRouteOrganisation, Policy(new RouteOrganisationRequirement("id")))
            .AddPolicy(ReadOrPeer, Policy(new PermissionRequirement(Permission.Read, PeersAllowed: true)));
        return services;
    }

    private static AuthorizationPolicy Policy(IAuthorizationRequirement requirement) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(requirement).Build();
}
