using System.Security.Claims;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Cordon.Server.WebConsole.Shell;

/// <summary>A signed-in console page: the cookie scheme's principal stands for the user's organisation and roles.</summary>
[Authorize(AuthenticationSchemes = ConsoleAuthentication.Scheme)]
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = null!;

    protected ClaimsPrincipal User => Http.User;

    protected Actor Actor => Http.User.ToActor();

    /// <summary>The signed-in user's caller: the actor and what its organisation may see.</summary>
    protected Caller Caller => RequestCaller.Of(Http);

    protected CancellationToken Aborted => Http.RequestAborted;

    /// <summary>A refusal as the page shows it: the field (in the user's language) and the reason, or the message.</summary>
    protected static string Explain(CordonException refused, IStringLocalizer<Text> text) =>
        refused is InvalidInputException invalid ? $"{text[invalid.Field]}: {invalid.Reason}" : refused.Message;
}
