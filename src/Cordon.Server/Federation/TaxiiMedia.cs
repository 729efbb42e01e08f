using System.Text.Json.Nodes;

namespace Cordon.Server.Federation;

/// <summary>TAXII 2.1's media types (§3.2) and its error resource (§3.6).</summary>
public static class TaxiiMedia
{
    public const string Taxii = "application/taxii+json;version=2.1";
    public const string Stix = "application/stix+json;version=2.1";

    /// <summary>Whether an Accept header lets the server answer in TAXII 2.1 (absent, any, or TAXII without or with version 2.1).</summary>
    public static bool Accepts(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }
        foreach (var range in accept.Split(','))
        {
            var parts = range.Split(';').Select(p => p.Trim().ToLowerInvariant()).ToList();
            var version = parts.Skip(1).FirstOrDefault(p => p.StartsWith("version=", StringComparison.Ordinal));
            if (parts[0] is "*/*" or "application/*" || (parts[0] == "application/taxii+json" && (version is null || version == "version=2.1")))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether a request body is declared as TAXII 2.1 (version may be left out, meaning the latest).</summary>
    public static bool IsTaxiiContent(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }
        var parts = contentType.Split(';').Select(p => p.Trim().ToLowerInvariant()).ToList();
        var version = parts.Skip(1).FirstOrDefault(p => p.StartsWith("version=", StringComparison.Ordinal));
        return parts[0] == "application/taxii+json" && (version is null || version == "version=2.1");
    }

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK, Action<HttpResponse>? headers = null) =>
        new TaxiiResult(body, status, headers);

    public static IResult Error(int status, string title, string? description = null) => Json(ErrorBody(status, title, description), status);

    public static JsonObject ErrorBody(int status, string title, string? description)
    {
        var error = new JsonObject { ["title"] = title, ["http_status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (description is not null)
        {
            error["description"] = description;
        }
        return error;
    }

    public static async Task WriteErrorAsync(HttpResponse response, int status, string title, string? description)
    {
        response.StatusCode = status;
        response.ContentType = Taxii;
        await response.WriteAsync(ErrorBody(status, title, description).ToJsonString(), response.HttpContext.RequestAborted);
    }

    private sealed class TaxiiResult(JsonNode body, int status, Action<HttpResponse>? headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = Taxii;
            headers?.Invoke(httpContext.Response);
            await using var writer = new System.Text.Json.Utf8JsonWriter(httpContext.Response.Body);
            body.WriteTo(writer);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }
}
