using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Cordon.Application.Data;
using Cordon.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Response;

/// <summary>
/// <c>GET /api/v1/events</c>: the caller's notifications as server-sent events, read from the outbox, so nothing is
/// missed across restarts; resume with <c>Last-Event-ID</c> (event ids are <c>sequence-index</c>). The console's live
/// pages read the same stream at <c>/console/events</c> with the signed-in user's cookie, from the moment they open.
/// </summary>
public static class EventsApi
{
    public static void MapEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/events", (HttpContext context, ClaimsPrincipal user, CordonDbFactory store, IConfiguration configuration,
                EventStreamSlots slots, IProblemDetailsService problems, TimeProvider clock, string? lastEventId) =>
                Stream(context, user, store, configuration, slots, problems, clock, lastEventId, forConsole: false))
            .WithTags("Response").RequireAuthorization(Policies.Read).WithName("Events")
            .WithSummary("Server-sent events for the caller's organisation; resumable with Last-Event-ID");
        // Unnamed events (the type goes in the data), because a browser's EventSource cannot listen for every name at once.
        routes.MapGet("/console/events", (HttpContext context, ClaimsPrincipal user, CordonDbFactory store, IConfiguration configuration,
                EventStreamSlots slots, IProblemDetailsService problems, TimeProvider clock) =>
                Stream(context, user, store, configuration, slots, problems, clock, null, forConsole: true))
            .RequireAuthorization(WebConsole.ConsoleAuthentication.Reader()).ExcludeFromDescription();
    }

    private static readonly TimeSpan ConsoleStreamLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ConsoleCatchUp = TimeSpan.FromSeconds(5);

    private static async Task Stream(HttpContext context, ClaimsPrincipal user, CordonDbFactory store, IConfiguration configuration,
        EventStreamSlots slots, IProblemDetailsService problems, TimeProvider clock, string? lastEventId, bool forConsole)
    {
        var actor = user.ToActor();
        using var slot = slots.TryTake($"{actor.Kind}:{actor.ActorId}");
        if (slot is null)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "30";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many event streams.",
                    Detail = $"A key or user may hold at most {slots.PerCaller} event streams open at once; close one first.",
                },
            });
            return;
        }
        var organisation = actor.OrganisationId;
        var resumeFrom = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId;
        var (sequence, index) = Parse(resumeFrom);
        var endsAt = DateTimeOffset.MaxValue;
        if (forConsole)
        {
            // A page opens its stream a moment after it was drawn: starting a few seconds back covers that moment (a
            // page redrawn once more is harmless). A console stream ends after a while and the browser reconnects, so
            // that a user signed out, disabled or demoted stops receiving with the next connection.
            var now = clock.GetUtcNow();
            endsAt = now + ConsoleStreamLifetime;
            if (resumeFrom is null)
            {
                var since = now - ConsoleCatchUp;
                await using var db = store.Create();
                var before = await db.Outbox.AsNoTracking().Where(m => m.OrganisationId == organisation && m.CreatedAt < since)
                    .OrderByDescending(m => m.Sequence).ThenByDescending(m => m.Index).Select(m => new { m.Sequence, m.Index })
                    .FirstOrDefaultAsync(context.RequestAborted);
                (sequence, index) = before is null ? (0, -1) : (before.Sequence, before.Index);
            }
        }
        var poll = TimeSpan.FromMilliseconds(configuration.GetValue("Cordon:Events:PollMilliseconds", 500));
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync(forConsole ? ": connected\nretry: 1000\n\n" : ": connected\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            while (!context.RequestAborted.IsCancellationRequested && clock.GetUtcNow() < endsAt)
            {
                await using (var db = store.Create())
                {
                    var messages = await db.Outbox.AsNoTracking()
                        .Where(m => m.OrganisationId == organisation && (m.Sequence > sequence || (m.Sequence == sequence && m.Index > index)))
                        .OrderBy(m => m.Sequence).ThenBy(m => m.Index).Take(500).ToListAsync(context.RequestAborted);
                    foreach (var message in messages)
                    {
                        await context.Response.WriteAsync(forConsole
                            ? $"id: {message.Sequence}-{message.Index}\ndata: {{\"type\":{JsonSerializer.Serialize(message.EventType)},\"data\":{message.Payload}}}\n\n"
                            : $"id: {message.Sequence}-{message.Index}\nevent: {message.EventType}\ndata: {message.Payload}\n\n", context.RequestAborted);
                        (sequence, index) = (message.Sequence, message.Index);
                    }
                    if (messages.Count > 0)
                    {
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        continue;
                    }
                }
                await Task.Delay(poll, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    /// <summary>Open event streams per key or user, bounded (<c>Cordon:Events:MaxStreamsPerCaller</c>, default 5).</summary>
    public sealed class EventStreamSlots(IConfiguration configuration)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

        public int PerCaller { get; } = configuration.GetValue("Cordon:Events:MaxStreamsPerCaller", 5);

        /// <summary>A slot, released when disposed; null when the caller holds all its slots.</summary>
        public IDisposable? TryTake(string caller)
        {
            var taken = open.AddOrUpdate(caller, 1, (_, count) => count + 1);
            if (taken <= PerCaller)
            {
                return new Slot(this, caller);
            }
            Release(caller);
            return null;
        }

        private void Release(string caller)
        {
            if (open.AddOrUpdate(caller, 0, (_, count) => count - 1) <= 0)
            {
                open.TryRemove(KeyValuePair.Create(caller, 0));
            }
        }

        private sealed class Slot(EventStreamSlots owner, string caller) : IDisposable
        {
            private int released;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                {
                    owner.Release(caller);
                }
            }
        }
    }

    private static (long Sequence, int Index) Parse(string? id)
    {
        var parts = id?.Split('-');
        return parts is { Length: 2 }
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (sequence, index)
            : (0, -1);
    }
}
