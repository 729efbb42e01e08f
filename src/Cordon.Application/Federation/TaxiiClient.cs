using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Cordon.Application.Federation;

/// <summary>A page read from a TAXII collection.</summary>
public sealed record RemotePage(IReadOnlyList<JsonNode?> Objects, bool More, string? Next, string? DateAddedLast);

/// <summary>A TAXII server refused or failed a request; the message carries its TAXII error title where it sent one.</summary>
public sealed class TaxiiClientException(string message) : Exception(message);

/// <summary>The TAXII 2.1 client side of one collection: pages of objects by <c>added_after</c>/<c>next</c>, and envelopes posted.</summary>
public sealed class TaxiiClient(HttpClient http, string apiRoot, string collectionId, string? username, string secret)
{
    private const string Media = "application/taxii+json;version=2.1";
    private const int MaxResponseBytes = 256 * 1024 * 1024;

    public async Task<RemotePage> GetObjectsAsync(string? addedAfter, string? next, int limit, CancellationToken cancellationToken)
    {
        var query = new StringBuilder($"limit={limit}");
        if (next is not null)
        {
            query.Append("&next=").Append(Uri.EscapeDataString(next));
        }
        else if (addedAfter is not null)
        {
            query.Append("&added_after=").Append(Uri.EscapeDataString(addedAfter));
        }
        using var request = Request(HttpMethod.Get, $"collections/{Uri.EscapeDataString(collectionId)}/objects/?{query}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        var objects = body["objects"] as JsonArray ?? [];
        var last = response.Headers.TryGetValues("X-TAXII-Date-Added-Last", out var values) ? values.FirstOrDefault() : null;
        return new RemotePage(objects.ToList(), body["more"]?.GetValue<bool>() ?? false, body["next"]?.GetValue<string>(), last);
    }

    /// <summary>Posts an envelope and returns the status resource (polled until complete).</summary>
    public async Task<JsonObject> PostObjectsAsync(IEnumerable<JsonNode> objects, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"collections/{Uri.EscapeDataString(collectionId)}/objects/");
        request.Content = new StringContent(new JsonObject { ["objects"] = new JsonArray(objects.ToArray()) }.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Media);
        using var response = await http.SendAsync(request, cancellationToken);
        var status = await ReadAsync(response, cancellationToken);
        for (var poll = 0; status["status"]?.GetValue<string>() == "pending" && poll < 120; poll++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            using var again = Request(HttpMethod.Get, $"status/{Uri.EscapeDataString(status["id"]!.GetValue<string>())}/");
            using var polled = await http.SendAsync(again, cancellationToken);
            status = await ReadAsync(polled, cancellationToken);
        }
        return status;
    }

    /// <summary>
    /// A call to the peer's audit log (<c>/api/v1/audit/…</c> on the same host as its API root, with the same key):
    /// the parsed answer, or null when there is none to read (a refusal, not JSON, not the shape Cordon sends).
    /// </summary>
    public async Task<T?> AuditAsync<T>(HttpMethod method, string relative, object? body, CancellationToken cancellationToken) where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(apiRoot), "/api/v1/audit/" + relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: AuditJson);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        if (response.Content.Headers.ContentLength > MaxAuditBytes)
        {
            throw new TaxiiClientException($"the peer's audit answer is larger than {MaxAuditBytes} bytes.");
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            // Not a Cordon audit log there (a TAXII server of another make refuses or answers a page): nothing to read.
            return null;
        }
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<T>(text, AuditJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private const int MaxAuditBytes = 1024 * 1024;
    private static readonly System.Text.Json.JsonSerializerOptions AuditJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(apiRoot), relative));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Media));
        request.Headers.Authorization = username is null
            ? new AuthenticationHeaderValue("Bearer", secret)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{secret}")));
        return request;
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new TaxiiClientException($"the peer's answer is larger than {MaxResponseBytes} bytes.");
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new TaxiiClientException($"the peer answered {(int)response.StatusCode} with a body that is not JSON.");
        }
        if (!response.IsSuccessStatusCode)
        {
            var title = body?["title"]?.GetValue<string>();
            var description = body?["description"]?.GetValue<string>();
            throw new TaxiiClientException($"the peer answered {(int)response.StatusCode}{(title is null ? "" : $": {title}")}{(description is null ? "" : $" {description}")}");
        }
        var mediaType = response.Content.Headers.ContentType?.ToString() ?? "";
        if (!mediaType.StartsWith("application/taxii+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new TaxiiClientException($"the peer answered in {mediaType}, not TAXII 2.1.");
        }
        return body as JsonObject ?? throw new TaxiiClientException("the peer's answer is not a JSON object.");
    }
}
