using System.Security.Claims;
using Cordon.Core.Members;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Cordon.Server.WebConsole.Shell;

/// <summary>A signed-in console page: the cookie scheme's principal stands for the user's organisation and roles.</summary>
[Authorize(AuthenticationSchemes = ConsoleAuthentication.Scheme)]
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = null!;

    protected ClaimsPrincipal User => Http.User;

    protected Actor Actor => Http.User.ToActor();

    protected CancellationToken Aborted => Http.RequestAborted;
}
