using System.Text.Json;
using System.Text.Json.Nodes;
using Cordon.Application.Federation;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Core.Stix;
using Cordon.Server.Auth;
using Cordon.Server.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Federation;

/// <summary>
/// The TAXII 2.1 server: discovery, one API root (<c>/taxii2/cordon/</c>), collections per sharing scope, objects,
/// manifest, object versions and add-objects statuses. Everything served is read through the access policy.
/// </summary>
public static class TaxiiApi
{
    public const string ApiRootPath = "/taxii2/cordon/";
    public const int MaxContentLength = 50 * 1024 * 1024;
    public const int MaxObjectsPerEnvelope = 20_000;

    public static void MapTaxii(this IEndpointRouteBuilder routes)
    {
        var taxii = routes.MapGroup("/taxii2").ExcludeFromDescription()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = TaxiiAuthenticationHandler.SchemeName, Policy = Policies.ReadOrPeer });
        taxii.MapGet("/", Discovery);
        var root = taxii.MapGroup("/cordon");
        root.MapGet("/", ApiRoot);
        root.MapGet("/status/{id}/", Status);
        root.MapGet("/collections/", Collections);
        root.MapGet("/collections/{collectionId}/", Collection);
        root.MapGet("/collections/{collectionId}/objects/", Objects);
        root.MapPost("/collections/{collectionId}/objects/", AddObjects)
            .WithMetadata(new RequestSizeLimitAttribute(MaxContentLength));
        root.MapGet("/collections/{collectionId}/manifest/", Manifest);
        root.MapGet("/collections/{collectionId}/objects/{objectId}/", Object);
        root.MapGet("/collections/{collectionId}/objects/{objectId}/versions/", Versions);
        root.MapDelete("/collections/{collectionId}/objects/{objectId}/", () =>
            TaxiiMedia.Error(StatusCodes.Status403Forbidden, "Deleting is not offered.", "Revoke the indicator instead: revocation travels to every peer as a new version."));
    }

    private static IResult Discovery(HttpContext http, IConfiguration configuration, PublicAddress address) => TaxiiMedia.Json(new JsonObject
    {
        ["title"] = $"Cordon node {configuration["Cordon:Node:Name"] ?? "cordon"}",
        ["description"] = "A Cordon anti-fraud node: indicators of fraud infrastructure shared under TLP markings.",
        ["default"] = address.Base(http) + ApiRootPath,
        ["api_roots"] = new JsonArray(address.Base(http) + ApiRootPath),
    });

    private static IResult ApiRoot() => TaxiiMedia.Json(new JsonObject
    {
        ["title"] = "Cordon",
        ["description"] = "Indicators, their observables and the organisations that reported them.",
        ["versions"] = new JsonArray(TaxiiMedia.Taxii),
        ["max_content_length"] = MaxContentLength,
    });

    private static async Task<IResult> Collections(Caller caller, TaxiiCollections collections, CancellationToken cancellationToken)
    {
        var list = await collections.ListAsync(caller, cancellationToken);
        var body = new JsonObject();
        if (list.Count > 0)
        {
            body["collections"] = new JsonArray(list.Select(c => (JsonNode)Describe(c)).ToArray());
        }
        return TaxiiMedia.Json(body);
    }

    private static async Task<IResult> Collection(string collectionId, Caller caller, TaxiiCollections collections, CancellationToken cancellationToken) =>
        TaxiiMedia.Json(Describe(await FindAsync(collectionId, caller, collections, cancellationToken)));

    private static async Task<IResult> Objects(string collectionId, HttpContext http, Caller caller, TaxiiCollections collections,
        TaxiiObjects objects, CancellationToken cancellationToken)
    {
        var collection = await ReadableAsync(collectionId, caller, collections, cancellationToken);
        var page = await objects.PageAsync(caller, collection, Filter(http.Request.Query), cancellationToken);
        var body = new JsonObject { ["more"] = page.More };
        if (page.Next is not null)
        {
            body["next"] = page.Next;
        }
        if (page.Items.Count > 0)
        {
            body["objects"] = new JsonArray(page.Items.Select(i => (JsonNode)i.Object).ToArray());
        }
        return TaxiiMedia.Json(body, headers: DateAddedHeaders(page.Items));
    }

    private static async Task<IResult> Manifest(string collectionId, HttpContext http, Caller caller, TaxiiCollections collections,
        TaxiiObjects objects, CancellationToken cancellationToken)
    {
        var collection = await ReadableAsync(collectionId, caller, collections, cancellationToken);
        var page = await objects.PageAsync(caller, collection, Filter(http.Request.Query), cancellationToken);
        var body = new JsonObject { ["more"] = page.More };
        if (page.Next is not null)
        {
            body["next"] = page.Next;
        }
        if (page.Items.Count > 0)
        {
            body["objects"] = new JsonArray(page.Items.Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.Id,
                ["date_added"] = StixTime.FormatTaxii(i.DateAdded),
                ["version"] = i.Version,
                ["media_type"] = TaxiiMedia.Stix,
            }).ToArray());
        }
        return TaxiiMedia.Json(body, headers: DateAddedHeaders(page.Items));
    }

    private static async Task<IResult> Object(string collectionId, string objectId, Caller caller, TaxiiCollections collections,
        TaxiiObjects objects, CancellationToken cancellationToken)
    {
        var collection = await ReadableAsync(collectionId, caller, collections, cancellationToken);
        var items = await objects.ObjectAsync(caller, collection, objectId, cancellationToken);
        if (items.Count == 0)
        {
            throw new NotFoundException("object");
        }
        return TaxiiMedia.Json(new JsonObject { ["more"] = false, ["objects"] = new JsonArray(items.Select(i => (JsonNode)i.Object).ToArray()) },
            headers: DateAddedHeaders(items));
    }

    private static async Task<IResult> Versions(string collectionId, string objectId, Caller caller, TaxiiCollections collections,
        TaxiiObjects objects, CancellationToken cancellationToken)
    {
        var collection = await ReadableAsync(collectionId, caller, collections, cancellationToken);
        var items = await objects.ObjectAsync(caller, collection, objectId, cancellationToken);
        if (items.Count == 0)
        {
            throw new NotFoundException("object");
        }
        return TaxiiMedia.Json(new JsonObject { ["more"] = false, ["versions"] = new JsonArray(items.Select(i => (JsonNode)i.Version).ToArray()) },
            headers: DateAddedHeaders(items));
    }

    private static async Task<IResult> AddObjects(string collectionId, HttpRequest request, Caller caller, TaxiiCollections collections,
        StixIngest ingest, TaxiiStatuses statuses, TimeProvider clock, CancellationToken cancellationToken)
    {
        var collection = await FindAsync(collectionId, caller, collections, cancellationToken);
        if (!collection.CanWrite)
        {
            return TaxiiMedia.Error(StatusCodes.Status403Forbidden, "Forbidden.", "Your organisation may not add objects to this collection.");
        }
        var envelope = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 },
            cancellationToken: cancellationToken);
        if (envelope is not JsonObject { } body || body["objects"] is not JsonArray list)
        {
            return TaxiiMedia.Error(StatusCodes.Status400BadRequest, "Not an envelope.", "Send {\"objects\": [ ... ]}.");
        }
        if (list.Count > MaxObjectsPerEnvelope)
        {
            return TaxiiMedia.Error(StatusCodes.Status413PayloadTooLarge, "Too many objects.",
                $"An envelope may hold at most {MaxObjectsPerEnvelope} objects; send several.");
        }
        var source = caller.Viewer.Peer is { } peer
            ? new IngestSource(peer.PeerName, Core.Sharing.Tlp.Amber, [Core.Indicators.Category.Other])
            : IngestSource.Member(collection.Scope == CollectionScope.Federation ? Core.Sharing.Distribution.Federation : Core.Sharing.Distribution.Node);
        var requested = StixTime.ToMilliseconds(clock.GetUtcNow());
        var status = new TaxiiStatus { Id = Guid.CreateVersion7(requested), OrganisationId = caller.OrganisationId, RequestedAt = requested, Details = "" };
        var objects = list.ToList();
        await ingest.IngestAsync(caller, source, objects, outcomes =>
        {
            // The status is written with the objects, so a crash loses neither one without the other.
            status.Total = outcomes.Count;
            status.Successes = outcomes.Count(o => o.Succeeded);
            status.Failures = outcomes.Count - status.Successes;
            status.Details = JsonSerializer.Serialize(new
            {
                successes = Details(outcomes.Where(o => o.Succeeded), requested),
                failures = Details(outcomes.Where(o => !o.Succeeded), requested),
            });
            statuses.Add(status);
            return Task.CompletedTask;
        }, cancellationToken);
        return TaxiiMedia.Json(StatusBody(status), StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> Status(string id, Caller caller, TaxiiStatuses statuses, CancellationToken cancellationToken)
    {
        var status = Guid.TryParse(id, out var uuid) ? await statuses.FindAsync(caller, uuid, cancellationToken) : null;
        return status is null ? throw new NotFoundException("status") : TaxiiMedia.Json(StatusBody(status));
    }

    private static JsonObject StatusBody(TaxiiStatus status)
    {
        var body = new JsonObject
        {
            ["id"] = status.Id.ToString("D"),
            ["status"] = "complete",
            ["request_timestamp"] = StixTime.FormatTaxii(status.RequestedAt),
            ["total_count"] = status.Total,
            ["success_count"] = status.Successes,
            ["failure_count"] = status.Failures,
            ["pending_count"] = 0,
        };
        if (status.Details.Length > 0 && JsonNode.Parse(status.Details) is JsonObject details)
        {
            foreach (var list in new[] { "successes", "failures" })
            {
                if (details[list] is JsonArray { Count: > 0 } items)
                {
                    body[list] = items.DeepClone();
                }
            }
        }
        return body;
    }

    private static IEnumerable<object> Details(IEnumerable<ObjectOutcome> outcomes, DateTimeOffset requested) =>
        outcomes.Select(o => new { id = o.Id, version = o.Version ?? StixTime.FormatTaxii(requested), message = o.Message });

    private static JsonObject Describe(TaxiiCollection c) => new()
    {
        ["id"] = c.Id.ToString("D"),
        ["title"] = c.Title,
        ["description"] = c.Description,
        ["can_read"] = c.CanRead,
        ["can_write"] = c.CanWrite,
        ["media_types"] = new JsonArray(TaxiiMedia.Stix),
    };

    private static async Task<TaxiiCollection> FindAsync(string id, Caller caller, TaxiiCollections collections, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var uuid) && await collections.FindAsync(caller, uuid, cancellationToken) is { } found
            ? found
            : throw new NotFoundException("collection");

    private static async Task<TaxiiCollection> ReadableAsync(string id, Caller caller, TaxiiCollections collections, CancellationToken cancellationToken)
    {
        var collection = await FindAsync(id, caller, collections, cancellationToken);
        return collection.CanRead ? collection : throw new ForbiddenException("Your organisation may not read this collection.");
    }

    private static TaxiiFilter Filter(IQueryCollection query)
    {
        DateTimeOffset? addedAfter = null;
        if (query["added_after"] is { Count: > 0 } after)
        {
            addedAfter = after.Count == 1 && StixTime.TryParse(after[0], out var at) ? at
                : throw new InvalidInputException("added_after", "must be one TAXII timestamp (YYYY-MM-DDTHH:MM:SS.ssssssZ).");
        }
        var limit = TaxiiObjects.MaxPage;
        if (query["limit"] is { Count: > 0 } limitText)
        {
            limit = int.TryParse(limitText[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var l) && l > 0
                ? l
                : throw new InvalidInputException("limit", "must be a positive integer.");
        }
        var versions = List(query, "match[version]");
        HashSet<DateTimeOffset>? exact = null;
        if (versions is not null && !versions.Overlaps(["first", "last", "all"]))
        {
            exact = versions.Select(v => StixTime.TryParse(v, out var at) ? at : throw new InvalidInputException("match[version]", $"'{v}' is not first, last, all or a timestamp."))
                .ToHashSet();
        }
        var specVersions = List(query, "match[spec_version]");
        string? next = query["next"] is { Count: > 0 } n ? n[0] : null;
        if (next is not null && !NextPosition.TryRead(next, out _))
        {
            throw new InvalidInputException("next", "is not a value this server gave.");
        }
        return new TaxiiFilter(addedAfter, next, limit, List(query, "match[id]"), List(query, "match[type]"), exact,
            specVersions is null || specVersions.Contains("2.1"));
    }

    private static HashSet<string>? List(IQueryCollection query, string name) =>
        query[name] is { Count: > 0 } values
            ? values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Take(1000).ToHashSet(StringComparer.Ordinal)
            : null;

    private static Action<HttpResponse>? DateAddedHeaders(IReadOnlyList<TaxiiItem> items) => items.Count == 0 ? null : response =>
    {
        response.Headers["X-TAXII-Date-Added-First"] = StixTime.FormatTaxii(items.Min(i => i.DateAdded));
        response.Headers["X-TAXII-Date-Added-Last"] = StixTime.FormatTaxii(items.Max(i => i.DateAdded));
    };
}
