using Cordon.Core.Members;
using Cordon.Server.WebConsole;
using Microsoft.AspNetCore.Authorization;

namespace Cordon.Server.Auth;

/// <summary>
/// One authorization policy per role; admin implies every role. Every policy but <see cref="ViewerOrPeer"/> is for
/// members only: a federation peer's credential reaches only the routes that name that policy (TAXII and screening),
/// and every other route, the fallback included, answers 403 — so a route added later is closed to peers unless it
/// says otherwise.
/// </summary>
public static class Policies
{
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string Responder = "responder";
    public const string Admin = "admin";

    /// <summary>A member with any role, or a federation peer (whose rules then decide what it sees).</summary>
    public const string ViewerOrPeer = "viewer-or-peer";

    public static IServiceCollection AddCordonAuthentication(this IServiceCollection services)
    {
        services.AddRequestCaller();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, Federation.TaxiiAuthenticationHandler>(
                Federation.TaxiiAuthenticationHandler.SchemeName, null)
            .AddConsoleCookie();
        var member = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(IsMember).Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(member)
            .SetFallbackPolicy(member)
            .AddPolicy(Viewer, policy => RequireRole(policy, Role.Viewer, membersOnly: true))
            .AddPolicy(Analyst, policy => RequireRole(policy, Role.Analyst, membersOnly: true))
            .AddPolicy(Responder, policy => RequireRole(policy, Role.Responder, membersOnly: true))
            .AddPolicy(Admin, policy => RequireRole(policy, Role.Admin, membersOnly: true))
            .AddPolicy(ViewerOrPeer, policy => RequireRole(policy, Role.Viewer, membersOnly: false));
        return services;
    }

    private static void RequireRole(AuthorizationPolicyBuilder policy, Role role, bool membersOnly) =>
        policy.RequireAuthenticatedUser().RequireAssertion(context =>
            RoleSet.Grants(CordonClaims.RoleFlags(context.User), role) && (!membersOnly || IsMember(context)));

    /// <summary>An authenticated caller that is not a federation peer; a request whose caller is unknown is refused.</summary>
    private static bool IsMember(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && RequestCaller.Find(http) is { IsPeer: false };
}
