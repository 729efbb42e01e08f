using Cordon.Application.Indicators;
using Cordon.Server.WebConsole;
using Microsoft.Extensions.Localization;

namespace Cordon.Server.Indicators;

/// <summary>One line of an indicator's history as the console shows it.</summary>
public sealed record HistoryEvent(DateTimeOffset At, string What);

/// <summary>
/// An indicator's history, newest first, made only from what the view already holds, so it shows no more than the
/// access policy let through: sightings and false-positive reasons appear for the owner only.
/// </summary>
public static class IndicatorHistory
{
    public static IReadOnlyList<HistoryEvent> Of(IndicatorView view, IStringLocalizer<Text> text)
    {
        var indicator = view.Indicator;
        var events = new List<HistoryEvent> { new(indicator.CreatedAt, text["Reported by {0}", view.Reporter.Name]) };
        if (indicator.UpdatedAt > indicator.CreatedAt && indicator.UpdatedAt != indicator.RevokedAt)
        {
            events.Add(new(indicator.UpdatedAt, text["Report updated by its owner"]));
        }
        events.AddRange(view.Sightings.Select(s =>
            new HistoryEvent(s.SeenAt, text["Seen {0} time(s): {1}", s.Count, s.Where ?? text["place not given"]])));
        events.AddRange(view.FalsePositives.Select(f => new HistoryEvent(f.CreatedAt, text["Reported as a false positive: {0}", f.Reason])));
        if (indicator.RevokedAt is { } revoked)
        {
            events.Add(new(revoked, text["Revoked by its owner"]));
        }
        return events.OrderByDescending(e => e.At).ToList();
    }
}
