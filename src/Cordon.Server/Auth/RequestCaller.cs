using System.Security.Claims;
using Cordon.Application.Members;
using Cordon.Core.Members;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cordon.Server.Auth;

/// <summary>
/// The request's caller (actor and viewer), resolved once by whichever scheme authenticated the request and kept on the
/// request; endpoints and services take it from dependency injection as <see cref="Caller"/>.
/// </summary>
public static class RequestCaller
{
    public static IServiceCollection AddRequestCaller(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(sp => Of(sp.GetRequiredService<IHttpContextAccessor>().HttpContext
                                    ?? throw new InvalidOperationException("A caller exists only within a request.")));
        return services;
    }

    /// <summary>The authenticated caller; a request that reached an endpoint needing one without it is a wiring fault.</summary>
    public static Caller Of(HttpContext http) =>
        Find(http) ?? throw new InvalidOperationException("The request has no authenticated caller.");

    public static Caller? Find(HttpContext http) => http.Features.Get<Caller>();

    /// <summary>Keeps the caller on the request and answers its principal under the scheme.</summary>
    public static ClaimsPrincipal Principal(HttpContext http, Caller caller, string scheme)
    {
        http.Features.Set(caller);
        return CordonClaims.Principal(caller.Actor, scheme);
    }

    /// <summary>
    /// The console cookie names the user's actor; the viewer is read again on every request, so that a change of
    /// communities shows at once. A user of an organisation that stands for a federation peer is signed out.
    /// </summary>
    public static async Task ValidateConsolePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal)
        {
            return;
        }
        var callers = context.HttpContext.RequestServices.GetRequiredService<CallerDirectory>();
        var caller = await callers.ForAsync(principal.ToActor(), context.HttpContext.RequestAborted);
        if (caller.IsPeer)
        {
            context.RejectPrincipal();
            return;
        }
        context.HttpContext.Features.Set(caller);
    }
}
