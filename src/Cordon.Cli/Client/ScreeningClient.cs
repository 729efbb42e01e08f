using System.Net.Http.Json;
using System.Text.Json;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Core.Text;

namespace Cordon.Cli.Client;

/// <summary>The verdict for one identifier, as the node answered it (or as the private exchange concluded it).</summary>
public sealed record ClientVerdict(string Value, Verdict Verdict, int Score, IReadOnlyList<string> Categories);

/// <summary>
/// A small client for a node's screening API. <see cref="ScreenPrivatelyAsync"/> does the whole private exchange: the
/// identifier is normalised here, only the first 5 hex digits of its SHA-256 are sent, and the returned suffixes are
/// compared here, so the node never learns which identifier was checked. The HttpClient carries the base address and
/// the bearer key.
/// </summary>
public sealed class ScreeningClient(HttpClient http)
{
    public async Task<ClientVerdict> ScreenAsync(IdentifierType type, string value, CancellationToken cancellationToken = default)
    {
        var response = await http.PostAsJsonAsync("/api/v1/screen", new { type, value }, CordonJson.Options, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        return new ClientVerdict(body.GetProperty("value").GetString()!, Parse<Verdict>(body.GetProperty("verdict")),
            body.GetProperty("score").GetInt32(), body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList());
    }

    /// <param name="context">How to normalise locally (the member's country; card numbers cannot be screened privately
    /// because their canonical form is keyed with the node's secret).</param>
    public async Task<ClientVerdict> ScreenPrivatelyAsync(IdentifierType type, string value, NormalisationContext context,
        CancellationToken cancellationToken = default)
    {
        if (type == IdentifierType.PaymentCard)
        {
            throw new InvalidInputException("type", "payment cards are keyed with the node's secret and cannot be screened privately.");
        }
        var identifier = IdentifierNormaliser.Normalise(type, value, context);
        var hash = ScreeningKey.PrivateHash(identifier.Type, identifier.Value);
        var body = await ReadAsync(await http.GetAsync($"/api/v1/screen/range/{hash[..5]}", cancellationToken), cancellationToken);
        foreach (var match in body.GetProperty("matches").EnumerateArray())
        {
            if (hash[5..].StartsWith(match.GetProperty("suffix").GetString()!, StringComparison.Ordinal))
            {
                return new ClientVerdict(identifier.Display, Parse<Verdict>(match.GetProperty("verdict")), match.GetProperty("score").GetInt32(),
                    match.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList());
            }
        }
        return new ClientVerdict(identifier.Display, Verdict.Clear, 0, []);
    }

    /// <summary>Sends a file to the batch endpoint and streams the answer lines to <paramref name="output"/>.</summary>
    public async Task<long> ScreenBatchAsync(Stream input, string contentType, Stream output, IdentifierType? defaultType = null,
        CancellationToken cancellationToken = default)
    {
        using var content = new StreamContent(input);
        content.Headers.ContentType = new(contentType);
        var path = defaultType is null ? "/api/v1/screen/batch" : $"/api/v1/screen/batch?type={CordonJson.Name(defaultType.Value)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync(response, cancellationToken);
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(output, cancellationToken);
        return output.CanSeek ? output.Length : 0;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = TryDetail(text) ?? response.ReasonPhrase ?? "request failed";
            throw new ScreeningClientException((int)response.StatusCode, detail);
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? TryDetail(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Parse<T>(JsonElement element) where T : struct, Enum =>
        CordonJson.TryParse<T>(element.GetString(), out var value) ? value : throw new FormatException($"unexpected {typeof(T).Name}");
}

/// <summary>The node refused a request; <c>Status</c> is the HTTP status and the message its problem detail.</summary>
public sealed class ScreeningClientException(int status, string detail) : CordonException($"{status}: {detail}")
{
    public int Status { get; } = status;
}
