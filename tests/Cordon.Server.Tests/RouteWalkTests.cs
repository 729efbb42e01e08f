using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cordon.Application.Federation;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Screening;
using Cordon.Core.Sharing;
using Cordon.Core.Stix;
using Cordon.Server.Cases;
using Cordon.Server.Federation;
using Cordon.Server.Indicators;
using Cordon.Server.Members;
using Cordon.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cordon.Server.Tests;

/// <summary>
/// The generated walk: every route the host maps (read from its endpoint data source, so the API, TAXII, the event
/// stream, the public page and the console are all in it, and a route added tomorrow is walked tomorrow), called with
/// every method it answers, as each kind of caller, over items seeded under every TLP × distribution. Nothing a caller
/// may not see comes out — no value, id, note, summary or file name in a body or a header — and an item a caller may not
/// see is answered exactly as one that does not exist. A route whose parameters the walk cannot fill fails the test until
/// the walk is taught them; so does an OpenAPI route that was not called.
/// </summary>
public sealed partial class RouteWalkTests(CordonApp app, ITestOutputHelper output) : IClassFixture<CordonApp>
{
    private const string UnknownPhone = "+85291239999";
    private static readonly Tlp[] EveryTlp = Enum.GetValues<Tlp>();
    private static readonly Distribution[] EveryDistribution = Enum.GetValues<Distribution>();

    /// <summary>A peer entry's rules as the walk states them: TLPs, and types and categories (empty: all).</summary>
    private sealed record PeerScope(Tlp[] Tlps, string[] Types, string[] Categories);

    /// <summary>Whom a caller stands for: its organisation, whether it is in the community, and a peer's rules.</summary>
    private sealed record Scope(Guid Organisation, bool InCommunity, PeerScope? Peer = null);

    /// <summary>Who calls: a key (or none), whom it stands for (none: not authenticated), and whether it is a request party.</summary>
    private sealed record Persona(string Name, HttpClient Client, Scope? Scope, bool IsParty, HttpClient? Console = null)
    {
        public bool IsPeer => Scope?.Peer is not null;
        public bool Authenticated => Scope is not null;
    }

    /// <summary>
    /// What a caller may see, stated here from the product's rules rather than asked of the code under test: the owner
    /// sees its own; RED and organisation-only stay with it; communities reach their members; node and federation reach
    /// every member; a peer sees federation items under a TLP it is allowed (never RED or AMBER+STRICT), of a type and
    /// categories it is allowed.
    /// </summary>
    private static bool Sees(Persona persona, Guid owner, Tlp tlp, Distribution distribution, string? type, string category)
    {
        if (persona.Scope is not { } scope)
        {
            return false;
        }
        if (scope.Peer is { } peer)
        {
            return distribution == Distribution.Federation && tlp is Tlp.Clear or Tlp.Green or Tlp.Amber && peer.Tlps.Contains(tlp)
                   && (type is null || peer.Types.Length == 0 || peer.Types.Contains(type))
                   && (peer.Categories.Length == 0 || peer.Categories.Contains(category));
        }
        return scope.Organisation == owner || (tlp != Tlp.Red && distribution switch
        {
            Distribution.Organisation => false,
            Distribution.Communities => scope.InCommunity,
            _ => true,
        });
    }

    private static bool IsPublic(Tlp tlp, Distribution distribution) => tlp == Tlp.Clear && distribution is Distribution.Node or Distribution.Federation;

    /// <summary>A seeded item: its kind, id, the strings that would betray it, and who may see it.</summary>
    private sealed record Seeded(string Kind, Guid Id, string[] Markers, Func<Persona, bool> Visible, string? Phone = null, Guid? Parent = null,
        bool Public = false)
    {
        /// <summary>The public page answers everyone alike: there, only what the public may see is visible.</summary>
        public bool HiddenFrom(Persona persona, Route route) => route.IsPublic ? !Public : !Visible(persona);
    }

    [Fact]
    public async Task EveryRoute_AsEveryKindOfCaller_RevealsNothingItMayNotSee()
    {
        var (ownerId, ownerKey) = await app.MemberAsync("Walk Owner Police", Sector.LawEnforcement, "HK", Role.Admin, Role.Analyst, Role.Responder);
        var (insiderId, insiderKey) = await app.MemberAsync("Walk Community Bank", Sector.Bank, "HK", Role.Analyst, Role.Responder);
        var (strangerId, strangerKey) = await app.MemberAsync("Walk Node Telecom", Sector.Telecom, "SG", Role.Admin, Role.Analyst, Role.Responder);
        var (outsiderId, outsiderKey) = await app.MemberAsync("Walk Outsider Exchange", Sector.Crypto, "GB", Role.Viewer);
        using var admin = app.Admin();
        var community = await CordonApp.ReadAsync<CommunityResponse>(await admin.PostAsJsonAsync("/api/v1/communities",
            new { name = "Walk HK community", members = new[] { ownerId, insiderId } }));
        var insiderViewerKey = (await CordonApp.ReadAsync<CreatedKeyResponse>(await admin.PostAsJsonAsync($"/api/v1/organisations/{insiderId}/keys",
            new { name = "walk viewer", roles = new[] { "viewer" } }))).Key;
        var revoked = await CordonApp.ReadAsync<CreatedKeyResponse>(await admin.PostAsJsonAsync($"/api/v1/organisations/{ownerId}/keys",
            new { name = "walk revoked", roles = new[] { "admin" } }));
        Assert.True((await admin.DeleteAsync($"/api/v1/keys/{revoked.Id}")).IsSuccessStatusCode);
        PeerScope peerARules = new([Tlp.Clear, Tlp.Green], [], []);
        PeerScope peerBRules = new([Tlp.Clear, Tlp.Green, Tlp.Amber], ["phone"], []);
        PeerScope peerCRules = new([Tlp.Clear, Tlp.Green, Tlp.Amber], [], ["phishing"]);
        var (peerA, peerAKey) = await PeerAsync(admin, "walk-peer-a", peerARules);
        var (peerB, peerBKey) = await PeerAsync(admin, "walk-peer-b", peerBRules);
        var (peerC, peerCKey) = await PeerAsync(admin, "walk-peer-c", peerCRules);

        var personas = new List<Persona>
        {
            new("community member", Client(insiderKey), new Scope(insiderId, InCommunity: true), IsParty: true,
                await ConsoleAsync(admin, insiderId, "walk-insider@walk.example")),
            new("viewer-role key", Client(insiderViewerKey), new Scope(insiderId, InCommunity: true), IsParty: true),
            new("node member outside the community", Client(strangerKey), new Scope(strangerId, InCommunity: false), IsParty: false,
                await ConsoleAsync(admin, strangerId, "walk-stranger@walk.example")),
            new("outsider", Client(outsiderKey), new Scope(outsiderId, InCommunity: false), IsParty: false),
            new("peer allowed clear and green", Client(peerAKey), new Scope(peerA, InCommunity: false, peerARules), IsParty: false),
            new("peer allowed clear, green and amber phones", Client(peerBKey), new Scope(peerB, InCommunity: false, peerBRules), IsParty: false),
            new("peer allowed clear, green and amber phishing", Client(peerCKey), new Scope(peerC, InCommunity: false, peerCRules), IsParty: false),
            new("no key", Client(null), null, IsParty: false),
            new("revoked key", Client(revoked.Key), null, IsParty: false),
            // Last, because what it may do (revoke, close) changes its own items.
            new("owner", Client(ownerKey), new Scope(ownerId, InCommunity: true), IsParty: true,
                await ConsoleAsync(admin, ownerId, "walk-owner@walk.example")),
        };

        using var owner = Client(ownerKey);
        var seeded = await SeedAsync(owner, ownerId, insiderId, community.Id);
        await WaitForScreeningAsync(owner, seeded.Where(s => s.Phone is not null).Select(s => s.Phone!).ToList());

        var routes = Routes();
        var called = new HashSet<string>();
        var calls = 0;
        foreach (var persona in personas)
        {
            foreach (var route in routes)
            {
                foreach (var call in Calls(route, persona, seeded, community.Id))
                {
                    calls += await CheckAsync(route, persona, call, seeded);
                    called.Add(route.Key);
                }
            }
        }

        var openApi = await OpenApiRoutesAsync(owner);
        Assert.Empty(openApi.Except(called));
        Assert.Empty(routes.Select(r => r.Key).Except(called));
        var summary = $"route walk ({app.Database.Options.Provider}): {calls} calls, {routes.Count} routes ({openApi.Count} in the OpenAPI document) "
                      + $"x {personas.Count} kinds of caller, {seeded.Count} seeded items";
        output.WriteLine(summary);
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "route-walk.txt"), summary + Environment.NewLine);
    }

    /// <summary>One route × method of the host, with what the walk needs to know of it.</summary>
    private sealed record Route(string Method, string Pattern, IReadOnlyList<string> Parameters, bool Anonymous)
    {
        public string Key => KeyOf(Method, Pattern);

        public bool IsConsole => Pattern.StartsWith("/console", StringComparison.Ordinal);

        public bool IsStream => Pattern is "/api/v1/events" or "/console/events";

        public bool IsPublic => Pattern.StartsWith("/public", StringComparison.Ordinal);

        /// <summary>The audit log's own routes: it grows with every call the walk makes, so two answers never match byte for byte.</summary>
        public bool DescribesTheAuditLog => Pattern.StartsWith("/api/v1/audit", StringComparison.Ordinal);

        /// <summary>What a peer's credential may reach; every other route must refuse it.</summary>
        public bool OpenToPeers => Anonymous || IsConsole || Pattern.StartsWith("/taxii2", StringComparison.Ordinal)
                                   || Pattern.StartsWith("/api/v1/screen", StringComparison.Ordinal)
                                   || Pattern is "/api/v1/audit/head" or "/api/v1/audit/key" or "/api/v1/audit/consistency" or "/api/v1/audit/witness";
    }

    /// <summary>One request; <c>About</c> is the seeded item it names (<c>Named</c>: by its value), <c>Unknown</c> the same request naming nothing.</summary>
    /// <summary>A route's name as the OpenAPI document writes it: no constraints, no trailing slash.</summary>
    private static string KeyOf(string method, string pattern)
    {
        var path = RouteConstraint().Replace(pattern, "}");
        return $"{method.ToUpperInvariant()} {(path.Length > 1 ? path.TrimEnd('/') : path)}";
    }

    private sealed record Call(HttpMethod Method, string Path, Func<HttpContent?>? Body, Seeded? About, Func<Call>? Unknown, string? Named = null);

    private List<Route> Routes()
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var routes = new List<Route>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            routes.AddRange(methods.Where(m => m != "HEAD" && m != "OPTIONS").Select(m => new Route(m, pattern, parameters, anonymous)));
        }
        return routes.DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private IEnumerable<Call> Calls(Route route, Persona persona, List<Seeded> seeded, Guid communityId)
    {
        var method = new HttpMethod(route.Method);
        var forbidden = seeded.Where(s => s.HiddenFrom(persona, route)).ToList();
        var indicators = seeded.Where(s => s.Kind == "indicator").ToList();
        if (route.Parameters.Count == 0)
        {
            yield return new Call(method, route.Pattern, BodyFor(route, null), null, null);
            if (route.Method != "GET" || route.IsStream || route.IsConsole)
            {
                foreach (var item in route.Method == "POST" && route.Pattern.StartsWith("/api/v1/screen", StringComparison.Ordinal)
                             ? forbidden.Where(f => f.Phone is not null) : [])
                {
                    yield return new Call(method, route.Pattern, BodyFor(route, item.Phone), item,
                        () => new Call(method, route.Pattern, BodyFor(route, UnknownPhone), null, null), item.Phone);
                }
                yield break;
            }
            foreach (var item in forbidden.Where(f => f.Phone is not null))
            {
                yield return new Call(method, route.Pattern + Query(item.Phone!), null, item,
                    () => new Call(method, route.Pattern + Query(UnknownPhone), null, null, null), item.Phone);
            }
            yield break;
        }
        // Each parameter's candidates: the seeded items it can name, and something that does not exist.
        var candidates = route.Parameters.Select(name => Candidates(route, name, seeded, indicators, communityId)).ToList();
        foreach (var combination in Combine(candidates))
        {
            if (route.Parameters.Contains("attachmentId") && combination[0].About?.Id != combination[1].About?.Parent
                && combination[1].About is not null)
            {
                continue; // an attachment only under its own case
            }
            var path = Fill(route.Pattern, route.Parameters, combination.Select(c => c.Text).ToList());
            var about = combination.Select(c => c.About).LastOrDefault(a => a is not null);
            Func<Call>? unknown = about is null || !about.HiddenFrom(persona, route) ? null : () =>
                new Call(method, Fill(route.Pattern, route.Parameters, combination.Select(c => c.About == about ? c.Unknown : c.Text).ToList()),
                    BodyFor(route, null), null, null);
            yield return new Call(method, path, BodyFor(route, null), about, unknown);
        }
    }

    private sealed record Candidate(string Text, Seeded? About, string Unknown);

    private static List<Candidate> Candidates(Route route, string parameter, List<Seeded> seeded, List<Seeded> indicators, Guid communityId)
    {
        Candidate Unknown() => new(Guid.NewGuid().ToString(), null, "");
        List<Candidate> Of(IEnumerable<Seeded> items, Func<Seeded, string> text, Func<string> unknown) =>
            [.. items.Select(s => new Candidate(text(s), s, unknown())), new(unknown(), null, "")];
        var kind = route.Pattern switch
        {
            var p when p.Contains("/indicators/", StringComparison.Ordinal) => "indicator",
            var p when p.Contains("/cases/", StringComparison.Ordinal) => "case",
            var p when p.Contains("/requests/", StringComparison.Ordinal) => "request",
            var p when p.Contains("/bulletins/", StringComparison.Ordinal) => "bulletin",
            var p when p.Contains("/operations/", StringComparison.Ordinal) => "operation",
            _ => null,
        };
        return parameter switch
        {
            "id" or "Id" when route.Pattern.StartsWith("/taxii2", StringComparison.Ordinal) => [Unknown()],
            "id" or "Id" when kind is not null => Of(seeded.Where(s => s.Kind == kind), s => s.Id.ToString(), () => Guid.NewGuid().ToString()),
            "id" when route.Pattern.StartsWith("/api/v1/communities", StringComparison.Ordinal) => [new(communityId.ToString(), null, ""), Unknown()],
            "id" or "Id" or "observableId" => [Unknown()],
            "attachmentId" => Of(seeded.Where(s => s.Kind == (kind == "bulletin" ? "bulletin-attachment" : "attachment")), s => s.Id.ToString(),
                () => Guid.NewGuid().ToString()),
            "organisationId" or "taskId" or "targetId" => [Unknown()],
            "nameOrId" => [new("walk-peer-a", null, ""), Unknown()],
            "measure" => [.. Enum.GetNames<Application.Figures.StatisticsMeasure>().Select(m => new Candidate(m.ToLowerInvariant(), null, "")),
                new("teapots", null, "")],
            "documentName" => [new("v1", null, ""), new("v2", null, "")],
            "prefix" => Of(indicators, s => ScreeningKey.PrivateHash(IdentifierType.Phone, s.Phone!)[..5], () => "00000"),
            "collectionId" => [new(TaxiiCollections.FederationId.ToString(), null, ""), new(TaxiiCollections.NodeId.ToString(), null, ""),
                new(communityId.ToString(), null, ""), Unknown()],
            "objectId" => Of(indicators, s => StixIds.Of("indicator", s.Id), () => $"indicator--{Guid.NewGuid()}"),
            _ => throw new Xunit.Sdk.XunitException($"The walk cannot fill {{{parameter}}} of {route.Key}: teach it in {nameof(Candidates)}."),
        };
    }

    private static IEnumerable<List<Candidate>> Combine(List<List<Candidate>> candidates)
    {
        IEnumerable<List<Candidate>> combinations = [[]];
        foreach (var list in candidates)
        {
            combinations = combinations.SelectMany(c => list.Select(item => new List<Candidate>(c) { item })).ToList();
        }
        return combinations;
    }

    private static string Fill(string pattern, IReadOnlyList<string> parameters, List<string> values)
    {
        var path = pattern;
        for (var i = 0; i < parameters.Count; i++)
        {
            path = Regex.Replace(path, "\\{" + parameters[i] + "(:[^}]*)?\\}", Uri.EscapeDataString(values[i]));
        }
        return path;
    }

    /// <summary>Every query parameter a GET route might read an identifier from, naming one phone number.</summary>
    private static string Query(string phone)
    {
        var value = Uri.EscapeDataString(phone);
        return $"?type=phone&value={value}&from=phone:{value}&to=phone:{value}&format=csv";
    }

    private static Func<HttpContent?>? BodyFor(Route route, string? phone)
    {
        if (route.Method is "GET" or "DELETE")
        {
            return null;
        }
        return route.Pattern switch
        {
            "/api/v1/screen" or "/api/v1/screen/" => () => JsonContent.Create(new { type = "phone", value = phone ?? UnknownPhone }),
            "/api/v1/screen/batch" => () => new StringContent($"{{\"type\":\"phone\",\"value\":\"{phone ?? UnknownPhone}\"}}\n", Encoding.UTF8, "application/x-ndjson"),
            var p when p.StartsWith("/taxii2", StringComparison.Ordinal) => () => CordonApp.TaxiiContent("{\"objects\":[]}"),
            var p when p.StartsWith("/console", StringComparison.Ordinal) => () => new FormUrlEncodedContent([]),
            _ => () => new StringContent("{}", Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>Calls, checks what came back, and answers how many calls it made.</summary>
    private async Task<int> CheckAsync(Route route, Persona persona, Call call, List<Seeded> seeded)
    {
        var client = route.IsConsole && persona.Console is { } console ? console : persona.Client;
        var (status, headers, body) = await SendAsync(client, call);
        var what = $"{persona.Name}: {call.Method} {call.Path}";
        Assert.True(status < 500, $"{what} answered {status}: {body[..Math.Min(body.Length, 300)]}");
        if (!route.Anonymous && !route.IsConsole && !persona.Authenticated)
        {
            Assert.True(status == 401, $"{what} answered {status} without a valid key");
        }
        if (persona.IsPeer && !route.OpenToPeers)
        {
            Assert.True(status == 403, $"{what} answered {status} to a peer");
        }
        // A problem's "instance" and the console's language links echo the caller's own request path, which tells it nothing.
        var ownPath = call.Path.Split('?')[0];
        var seen = InstanceMember().Replace(body, "").Replace(Uri.EscapeDataString(ownPath), "", StringComparison.Ordinal)
            .Replace($"\"{ownPath}\"", "", StringComparison.Ordinal);
        headers = headers.Replace(Uri.EscapeDataString(ownPath), "", StringComparison.Ordinal);
        foreach (var item in seeded.Where(s => s.HiddenFrom(persona, route)))
        {
            foreach (var marker in item.Markers)
            {
                if (marker == call.Named)
                {
                    // The caller named this value itself and a check echoes it in canonical form; what must not come back
                    // is any knowledge of it.
                    Assert.False(KnowingVerdict().IsMatch(seen), $"{what}: a verdict other than clear on a hidden value");
                    continue;
                }
                Assert.False(seen.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{what} revealed {item.Kind} {item.Id} ({marker}): {Around(seen, marker)}");
                Assert.False(headers.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{what} revealed {item.Kind} {item.Id} in a header");
            }
        }
        if (call.About is { } about && call.Unknown is { } unknown && about.HiddenFrom(persona, route))
        {
            var (otherStatus, _, otherBody) = await SendAsync(client, unknown());
            Assert.True(status == otherStatus, $"{what}: {status} for a hidden {about.Kind}, {otherStatus} for none");
            Assert.True(route.DescribesTheAuditLog || Shape(body, about) == Shape(otherBody, null), $"{what}: a hidden {about.Kind} is answered unlike none:\n{Shape(body, about)}\n{Shape(otherBody, null)}");
            return 2;
        }
        return 1;
    }

    private static async Task<(int Status, string Headers, string Body)> SendAsync(HttpClient client, Call call)
    {
        using var request = new HttpRequestMessage(call.Method, call.Path) { Content = call.Body?.Invoke() };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        return ((int)response.StatusCode, headers, await ReadBoundedAsync(response));
    }

    private static string Around(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return text[Math.Max(0, at - 150)..Math.Min(text.Length, at + marker.Length + 50)];
    }

    /// <summary>A body without what differs from call to call: ids, times, the caller's own names for the item.</summary>
    private static string Shape(string body, Seeded? about)
    {
        var shape = TraceMember().Replace(InstanceMember().Replace(body, ""), "");
        foreach (var marker in about?.Markers ?? [])
        {
            shape = shape.Replace(marker, "…", StringComparison.Ordinal).Replace(Uri.EscapeDataString(marker), "…", StringComparison.Ordinal);
        }
        shape = shape.Replace(UnknownPhone, "…", StringComparison.Ordinal).Replace(Uri.EscapeDataString(UnknownPhone), "…", StringComparison.Ordinal);
        shape = AntiforgeryToken().Replace(AnyGuid().Replace(AnyTraceId().Replace(shape, "…"), "…"), "…");
        shape = AnyHashPrefix().Replace(shape, "\"prefix\":\"…\"");
        return AnyTime().Replace(shape, "…");
    }

    /// <summary>Reads a body; a stream that does not end (server-sent events) is read for a second.</summary>
    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await using var body = await response.Content.ReadAsStreamAsync(CancellationToken.None);
        var buffer = new MemoryStream();
        try
        {
            await body.CopyToAsync(buffer, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // An event stream: what arrived so far is what the caller saw.
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<HashSet<string>> OpenApiRoutesAsync(HttpClient client)
    {
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => KeyOf(method.Name, path.Name)))
            .ToHashSet();
    }

    /// <summary>
    /// Indicators, cases (each with a note and an attachment) and bulletins under every TLP × distribution, two requests,
    /// and an operation of the owner and the community member with a request, a task and a result filed under it.
    /// </summary>
    private static async Task<List<Seeded>> SeedAsync(HttpClient owner, Guid ownerId, Guid insiderId, Guid communityId)
    {
        var seeded = new List<Seeded>();
        var n = 10;
        foreach (var tlp in EveryTlp)
        {
            foreach (var distribution in EveryDistribution)
            {
                var wire = Core.Text.CordonJson.Name(tlp);
                var spread = Core.Text.CordonJson.Name(distribution);
                var phone = $"+8529123{n:D4}";
                var indicator = await CordonApp.ReadAsync<SubmittedIndicator>(await owner.PostAsJsonAsync("/api/v1/indicators", new
                {
                    type = "phone",
                    value = $"+852 9123 {n:D4}",
                    categories = new[] { "investment_scam" },
                    tlp = wire,
                    distribution = spread,
                    communities = distribution == Distribution.Communities ? new[] { communityId } : null,
                }));
                await owner.PostAsJsonAsync($"/api/v1/indicators/{indicator.Id}/sightings", new { count = 7, where = "walk" });
                seeded.Add(new Seeded("indicator", indicator.Id, [indicator.Id.ToString(), phone, $"+852 9123 {n:D4}"],
                    p => Sees(p, ownerId, tlp, distribution, "phone", "investment_scam"), phone, Public: IsPublic(tlp, distribution)));

                var casePhone = $"+8529124{n:D4}";
                var created = await CordonApp.ReadAsync<CaseResponse>(await owner.PostAsJsonAsync("/api/v1/cases", new
                {
                    category = "investment_scam",
                    loss = new { amount = 1_000m + n, currency = "HKD" },
                    victimCountry = "MO",
                    occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
                    tlp = wire,
                    distribution = spread,
                    communities = distribution == Distribution.Communities ? new[] { communityId } : null,
                    summary = $"walk-case-summary-{n}",
                    identifiers = new[] { new { type = "phone", value = $"+852 9124 {n:D4}" } },
                }));
                await owner.PostAsJsonAsync($"/api/v1/cases/{created.Id}/notes", new { text = $"walk-case-note-{n}" });
                using var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"walk-file-content-{n}"));
                file.Headers.ContentType = new("text/plain");
                var attachment = await CordonApp.ReadAsync<AttachmentResponse>(
                    await owner.PostAsync($"/api/v1/cases/{created.Id}/attachments?fileName=walk-file-{n}.txt", file));
                bool CaseVisible(Persona p) => Sees(p, ownerId, tlp, distribution, null, "investment_scam");
                seeded.Add(new Seeded("case", created.Id,
                    [created.Id.ToString(), $"walk-case-summary-{n}", $"walk-case-note-{n}", $"walk-file-{n}.txt", casePhone], CaseVisible, casePhone,
                    Public: IsPublic(tlp, distribution)));
                seeded.Add(new Seeded("attachment", attachment.Id, [attachment.Id.ToString(), $"walk-file-content-{n}"], CaseVisible, Parent: created.Id));

                var bulletin = await CordonApp.ReadAsync<Bulletins.BulletinResponse>(await owner.PostAsJsonAsync("/api/v1/bulletins", new
                {
                    language = "en",
                    title = $"walk-bulletin-title-{n}",
                    summary = $"walk-bulletin-summary-{n}",
                    body = $"walk-bulletin-body-{n}",
                    severity = "high",
                    categories = new[] { "investment_scam" },
                    tlp = wire,
                    distribution = spread,
                    communities = distribution == Distribution.Communities ? new[] { communityId } : null,
                }));
                using var screenshot = new ByteArrayContent(Encoding.UTF8.GetBytes($"walk-bulletin-file-content-{n}"));
                screenshot.Headers.ContentType = new("image/png");
                var bulletinFile = await CordonApp.ReadAsync<Bulletins.BulletinAttachmentResponse>(
                    await owner.PostAsync($"/api/v1/bulletins/{bulletin.Id}/attachments?fileName=walk-bulletin-file-{n}.png", screenshot));
                bool BulletinVisible(Persona p) => Sees(p, ownerId, tlp, distribution, null, "investment_scam");
                seeded.Add(new Seeded("bulletin", bulletin.Id,
                    [bulletin.Id.ToString(), $"walk-bulletin-title-{n}", $"walk-bulletin-summary-{n}", $"walk-bulletin-body-{n}", $"walk-bulletin-file-{n}.png"],
                    BulletinVisible));
                seeded.Add(new Seeded("bulletin-attachment", bulletinFile.Id, [bulletinFile.Id.ToString(), $"walk-bulletin-file-content-{n}"], BulletinVisible,
                    Parent: bulletin.Id));
                n++;
            }
        }
        foreach (var priority in new[] { "critical", "normal" })
        {
            var reference = $"WALK-TX-{priority}";
            var request = await CordonApp.ReadAsync<Response.RequestResponse>(await owner.PostAsJsonAsync("/api/v1/requests", new
            {
                kind = "freeze_funds",
                recipient = insiderId,
                priority,
                amount = 777_777m,
                currency = "HKD",
                transactionRef = reference,
                legalBasis = $"walk legal basis {priority}",
                targets = new[] { new { type = "phone", value = "+852 9125 0001" } },
            }));
            seeded.Add(new Seeded("request", request.Id, [request.Id.ToString(), reference, $"walk legal basis {priority}"], p => p.IsParty));
        }
        var operation = await CordonApp.ReadAsync<Operations.OperationResponse>(await owner.PostAsJsonAsync("/api/v1/operations", new
        {
            name = "walk-operation-name",
            objectives = "walk-operation-objectives",
            countries = new[] { "HK" },
            participants = new[] { new { organisation = insiderId } },
        }));
        var filed = await CordonApp.ReadAsync<Response.RequestResponse>(await owner.PostAsJsonAsync("/api/v1/requests", new
        {
            kind = "takedown",
            recipient = insiderId,
            operation = operation.Id,
            transactionRef = "WALK-TX-operation",
            legalBasis = "walk legal basis operation",
            targets = new[] { new { type = "domain", value = "walk-operation-target.example" } },
        }));
        await owner.PostAsJsonAsync($"/api/v1/operations/{operation.Id}/tasks", new { title = "walk-operation-task", assignee = insiderId });
        await owner.PostAsJsonAsync($"/api/v1/operations/{operation.Id}/results", new { measure = "arrests", quantity = 4, note = "walk-operation-result" });
        seeded.Add(new Seeded("operation", operation.Id,
            [operation.Id.ToString(), "walk-operation-name", "walk-operation-objectives", "walk-operation-task", "walk-operation-result", filed.Id.ToString()],
            p => p.IsParty));
        seeded.Add(new Seeded("request", filed.Id, [filed.Id.ToString(), "WALK-TX-operation", "walk legal basis operation"], p => p.IsParty));
        return seeded;
    }

    private static async Task WaitForScreeningAsync(HttpClient owner, List<string> phones)
    {
        foreach (var phone in phones)
        {
            await Eventually.UntilAsync(
                async () => await (await owner.PostAsJsonAsync("/api/v1/screen", new { type = "phone", value = phone })).Content.ReadAsStringAsync(),
                answer => !answer.Contains("\"verdict\":\"clear\"", StringComparison.Ordinal));
        }
    }

    private static async Task<(Guid Organisation, string Key)> PeerAsync(HttpClient admin, string name, PeerScope rules)
    {
        var created = await CordonApp.ReadAsync<PeerCreatedResponse>(await admin.PostAsJsonAsync("/api/v1/peers", new
        {
            name,
            direction = "inbound",
            tlps = rules.Tlps.Select(Core.Text.CordonJson.Name),
            types = rules.Types,
            categories = rules.Categories,
        }, CordonApp.Json));
        return (created.Peer.OrganisationId, created.InboundKey);
    }

    /// <summary>A client with the key (or none) that does not follow redirects: what a route answers is what is checked.</summary>
    private HttpClient Client(string? key)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    /// <summary>A console session for a new user of the organisation, signed in through the sign-in form.</summary>
    private async Task<HttpClient> ConsoleAsync(HttpClient admin, Guid organisationId, string email)
    {
        const string password = "walk-password-2026";
        await CordonApp.ReadAsync<UserResponse>(await admin.PostAsJsonAsync($"/api/v1/organisations/{organisationId}/users",
            new { email, displayName = "Walker", roles = new[] { "admin", "analyst", "responder" }, password }));
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/console/sign-in");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var signedIn = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal("/console", signedIn.Headers.Location?.OriginalString);
        return client;
    }

    [GeneratedRegex("\"instance\":\"[^\"]*\"")]
    private static partial Regex InstanceMember();

    [GeneratedRegex("\"verdict\":\"(?!clear\")")]
    private static partial Regex KnowingVerdict();

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")]
    private static partial Regex AnyTraceId();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceMember();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex AnyGuid();

    [GeneratedRegex("\"prefix\":\"[0-9a-f]{5}\"")]
    private static partial Regex AnyHashPrefix();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex AnyTime();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
