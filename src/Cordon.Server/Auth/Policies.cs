using Cordon.Core.Members;
using Cordon.Server.WebConsole;
using Microsoft.AspNetCore.Authorization;

namespace Cordon.Server.Auth;

/// <summary>One authorization policy per role; admin implies every role. Endpoints without a policy need a key.</summary>
public static class Policies
{
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string Responder = "responder";
    public const string Admin = "admin";

    public static IServiceCollection AddCordonAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, Federation.TaxiiAuthenticationHandler>(
                Federation.TaxiiAuthenticationHandler.SchemeName, null)
            .AddConsoleCookie();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Viewer, policy => RequireRole(policy, Role.Viewer))
            .AddPolicy(Analyst, policy => RequireRole(policy, Role.Analyst))
            .AddPolicy(Responder, policy => RequireRole(policy, Role.Responder))
            .AddPolicy(Admin, policy => RequireRole(policy, Role.Admin));
        return services;
    }

    private static void RequireRole(AuthorizationPolicyBuilder policy, Role role) =>
        policy.RequireAuthenticatedUser().RequireAssertion(context => RoleSet.Grants(CordonClaims.RoleFlags(context.User), role));
}
