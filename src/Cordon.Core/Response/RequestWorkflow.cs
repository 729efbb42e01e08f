using Cordon.Core.Errors;

namespace Cordon.Core.Response;

/// <summary>
/// The response workflow as an explicit state machine: sent → acknowledged → in progress → actioned | declined |
/// withdrawn | expired. A transition not in the table is refused with a reason the caller can act on.
/// </summary>
public static class RequestWorkflow
{
    private static readonly Dictionary<(RequestState From, RequestAction Action), RequestState> Transitions = new()
    {
        [(RequestState.Sent, RequestAction.Acknowledge)] = RequestState.Acknowledged,
        [(RequestState.Sent, RequestAction.Start)] = RequestState.InProgress,
        [(RequestState.Sent, RequestAction.Action)] = RequestState.Actioned,
        [(RequestState.Sent, RequestAction.Decline)] = RequestState.Declined,
        [(RequestState.Sent, RequestAction.Withdraw)] = RequestState.Withdrawn,
        [(RequestState.Sent, RequestAction.Expire)] = RequestState.Expired,
        [(RequestState.Acknowledged, RequestAction.Start)] = RequestState.InProgress,
        [(RequestState.Acknowledged, RequestAction.Action)] = RequestState.Actioned,
        [(RequestState.Acknowledged, RequestAction.Decline)] = RequestState.Declined,
        [(RequestState.Acknowledged, RequestAction.Withdraw)] = RequestState.Withdrawn,
        [(RequestState.Acknowledged, RequestAction.Expire)] = RequestState.Expired,
        [(RequestState.InProgress, RequestAction.Action)] = RequestState.Actioned,
        [(RequestState.InProgress, RequestAction.Decline)] = RequestState.Declined,
        [(RequestState.InProgress, RequestAction.Withdraw)] = RequestState.Withdrawn,
        [(RequestState.InProgress, RequestAction.Expire)] = RequestState.Expired,
    };

    public static bool IsTerminal(RequestState state) =>
        state is RequestState.Actioned or RequestState.Declined or RequestState.Withdrawn or RequestState.Expired;

    public static RequestParty AllowedParty(RequestAction action) => action switch
    {
        RequestAction.Withdraw => RequestParty.Sender,
        RequestAction.Expire => RequestParty.System,
        RequestAction.Acknowledge or RequestAction.Start or RequestAction.Action or RequestAction.Decline => RequestParty.Recipient,
    };

    /// <summary>The next state, or an exception: <see cref="ForbiddenException"/> for the wrong party,
    /// <see cref="ConflictException"/> for a transition the current state does not allow.</summary>
    public static RequestState Next(RequestState from, RequestAction action, RequestParty party)
    {
        var allowed = AllowedParty(action);
        if (party != allowed)
        {
            throw new ForbiddenException(allowed switch
            {
                RequestParty.Sender => "Only the organisation that sent the request may withdraw it.",
                RequestParty.Recipient => $"Only the recipient may {action.ToString().ToLowerInvariant()} the request.",
                RequestParty.System => "Requests expire by themselves.",
            });
        }
        return Transitions.TryGetValue((from, action), out var to)
            ? to
            : throw new ConflictException(IsTerminal(from)
                ? $"The request is already {Name(from)}; it cannot be changed any more."
                : $"A request that is {Name(from)} cannot be {Past(action)}.");
    }

    public static string Name(RequestState state) => state switch
    {
        RequestState.InProgress => "in progress",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string Past(RequestAction action) => action switch
    {
        RequestAction.Acknowledge => "acknowledged",
        RequestAction.Start => "started",
        RequestAction.Action => "actioned",
        RequestAction.Decline => "declined",
        RequestAction.Withdraw => "withdrawn",
        RequestAction.Expire => "expired",
    };
}
