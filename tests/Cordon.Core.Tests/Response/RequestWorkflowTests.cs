using Cordon.Core.Errors;
using Cordon.Core.Response;

namespace Cordon.Core.Tests.Response;

/// <summary>
/// The request state table against the product's rules, written out here independently: every state × action × party.
/// The recipient acknowledges, starts, actions or declines; the sender withdraws; the node expires. Acknowledging is
/// possible only once, from sent; starting only before work has started; an ended request never changes.
/// </summary>
public sealed class RequestWorkflowTests
{
    private static readonly Dictionary<RequestAction, RequestState> Target = new()
    {
        [RequestAction.Acknowledge] = RequestState.Acknowledged,
        [RequestAction.Start] = RequestState.InProgress,
        [RequestAction.Action] = RequestState.Actioned,
        [RequestAction.Decline] = RequestState.Declined,
        [RequestAction.Withdraw] = RequestState.Withdrawn,
        [RequestAction.Expire] = RequestState.Expired,
    };

    private static readonly Dictionary<RequestState, RequestAction[]> Allowed = new()
    {
        [RequestState.Sent] = Enum.GetValues<RequestAction>(),
        [RequestState.Acknowledged] = [RequestAction.Start, RequestAction.Action, RequestAction.Decline, RequestAction.Withdraw, RequestAction.Expire],
        [RequestState.InProgress] = [RequestAction.Action, RequestAction.Decline, RequestAction.Withdraw, RequestAction.Expire],
        [RequestState.Actioned] = [],
        [RequestState.Declined] = [],
        [RequestState.Withdrawn] = [],
        [RequestState.Expired] = [],
    };

    private static RequestParty PartyOf(RequestAction action) => action switch
    {
        RequestAction.Withdraw => RequestParty.Sender,
        RequestAction.Expire => RequestParty.System,
        _ => RequestParty.Recipient,
    };

    [Fact]
    public void EveryStateActionAndParty_FollowsTheRules()
    {
        var checkedCombinations = 0;
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var action in Enum.GetValues<RequestAction>())
            {
                foreach (var party in Enum.GetValues<RequestParty>())
                {
                    checkedCombinations++;
                    if (party != PartyOf(action))
                    {
                        Assert.Throws<ForbiddenException>(() => RequestWorkflow.Next(state, action, party));
                    }
                    else if (Allowed[state].Contains(action))
                    {
                        Assert.Equal(Target[action], RequestWorkflow.Next(state, action, party));
                    }
                    else
                    {
                        var refused = Assert.Throws<ConflictException>(() => RequestWorkflow.Next(state, action, party));
                        Assert.Contains(RequestWorkflow.Name(state), refused.Message, StringComparison.Ordinal);
                    }
                }
            }
        }
        Assert.Equal(7 * 6 * 3, checkedCombinations);
    }

    [Fact]
    public void TheEndedStates_AreExactlyTheOnesWithNoWayOut()
    {
        foreach (var state in Enum.GetValues<RequestState>())
        {
            Assert.Equal(Allowed[state].Length == 0, RequestWorkflow.IsTerminal(state));
        }
    }
}
