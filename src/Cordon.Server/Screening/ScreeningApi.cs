using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Text;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Cordon.Store.Indicators.Import;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Screening;

/// <summary>Screening for members: one identifier, a streamed batch, or a private hash-prefix range.</summary>
public static class ScreeningApi
{
    public static RouteGroupBuilder MapScreening(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/screen").WithTags("Screening").RequireAuthorization(Policies.Viewer);
        group.MapPost("/", Screen).WithName("Screen").WithSummary("Check one identifier of any type, in any spelling");
        group.MapPost("/batch", Batch).WithMetadata(new DisableRequestSizeLimitAttribute()).WithName("ScreenBatch")
            .WithSummary("Check many identifiers: NDJSON ({type, value} per line) or CSV (header type,value) in, the same format out");
        group.MapGet("/range/{prefix}", Range).WithName("ScreenRange")
            .WithSummary("Private screening: the first 5 hex digits of SHA-256(type:value) in, matching suffixes out");
        return group;
    }

    private static Ok<ScreenResponse> Screen(ScreenRequest request, ClaimsPrincipal user, Screener screener)
    {
        var (identifier, result) = screener.Screen(user.ToActor(), request.Type, request.Value);
        return TypedResults.Ok(ScreenResponse.From(identifier, result));
    }

    private static Ok<RangeResponse> Range(string prefix, ClaimsPrincipal user, Screener screener)
    {
        if (prefix.Length != 5 || !prefix.All(Uri.IsHexDigit))
        {
            throw new InvalidInputException("prefix", "must be the first 5 hexadecimal digits of the SHA-256.");
        }
        var matches = screener.Range(user.ToActor(), prefix.ToLowerInvariant());
        return TypedResults.Ok(new RangeResponse(prefix.ToLowerInvariant(),
            matches.Select(m => new RangeMatch(m.Suffix, m.Result.Verdict, m.Result.Score, m.Result.Categories)).ToList()));
    }

    private sealed record BatchLine(IdentifierType? Type, string? Value);

    /// <summary>Streams: each input line is answered as soon as it is read; a bad line gets an error line, not a failure.</summary>
    private static async Task Batch(HttpContext context, Screener screener, string? type)
    {
        var csv = context.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        var ndjson = context.Request.ContentType?.Split(';')[0].Trim() is "application/x-ndjson" or "application/jsonl" or "application/json-seq";
        if (!csv && !ndjson)
        {
            throw new BadHttpRequestException("Send text/csv or application/x-ndjson.", StatusCodes.Status415UnsupportedMediaType);
        }
        context.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        // Created on the first answer: until then nothing is sent, so a bad header can still be answered with a problem.
        StreamWriter? writer = null;
        StreamWriter Output() => writer ??= new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024);
        try
        {
            await AnswerAsync(context, screener, csv, Output, type);
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    private static async Task AnswerAsync(HttpContext context, Screener screener, bool csv, Func<StreamWriter> output, string? type)
    {
        var defaultType = QueryEnum.Parse<IdentifierType>(type, "type");
        var actor = context.User.ToActor();
        string[]? header = null;
        var sinceFlush = 0;
        await foreach (var line in Utf8Lines.ReadAsync(context.Request.Body, cancellationToken: context.RequestAborted))
        {
            if (line.Text is { Length: 0 })
            {
                continue;
            }
            if (csv && header is null)
            {
                header = CsvHeader(line.Text);
                await output().WriteLineAsync("line,type,value,verdict,score,categories,reports,organisations,countries,error");
                continue;
            }
            var (lineType, lineValue, error) = line.Error is not null
                ? (null, null, line.Error)
                : csv ? FromCsv(line.Text!, header, defaultType) : FromJson(line.Text!, defaultType);
            await WriteAsync(output(), csv, line.Number, () => screener.Screen(actor, lineType, lineValue), error);
            if (++sinceFlush == 1000)
            {
                sinceFlush = 0;
                await output().FlushAsync(context.RequestAborted);
            }
        }
    }

    private static string[] CsvHeader(string? text)
    {
        var fields = (text is null ? null : CsvFields.Split(text))?.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        return fields is not null && fields.Contains("value") ? fields : throw new InvalidInputException("file",
            "the first line must be a header naming the columns type and value.");
    }

    private static (IdentifierType?, string?, string?) FromCsv(string text, string[]? header, IdentifierType? defaultType)
    {
        var fields = CsvFields.Split(text);
        if (fields is null || header is null || fields.Count != header.Length)
        {
            return (null, null, "row does not match the header");
        }
        var typeIndex = Array.IndexOf(header, "type");
        var typeText = typeIndex < 0 ? null : fields[typeIndex].Trim();
        if (!string.IsNullOrEmpty(typeText) && !CordonJson.TryParse<IdentifierType>(typeText, out _))
        {
            return (null, null, $"type: must be one of: {CordonJson.Names<IdentifierType>()}.");
        }
        var parsedType = string.IsNullOrEmpty(typeText) ? defaultType : CordonJson.TryParse<IdentifierType>(typeText, out var t) ? t : null;
        return (parsedType, fields[Array.IndexOf(header, "value")], null);
    }

    private static (IdentifierType?, string?, string?) FromJson(string text, IdentifierType? defaultType)
    {
        try
        {
            var line = JsonSerializer.Deserialize<BatchLine>(text, CordonJson.Options);
            return line is null ? (null, null, "is not a JSON object") : (line.Type ?? defaultType, line.Value, null);
        }
        catch (JsonException json)
        {
            return (null, null, json.Path is null or "$" ? "is not a JSON object" : $"wrong or unknown field at '{json.Path}'");
        }
    }

    private static async Task WriteAsync(StreamWriter output, bool csv, long number, Func<(Identifier, Core.Screening.ScreeningResult)> screen,
        string? error)
    {
        Identifier? identifier = null;
        Core.Screening.ScreeningResult? result = null;
        if (error is null)
        {
            try
            {
                (identifier, result) = screen();
            }
            catch (InvalidInputException invalid)
            {
                error = invalid.Message;
            }
        }
        if (csv)
        {
            await output.WriteLineAsync(identifier is null
                ? string.Create(CultureInfo.InvariantCulture, $"{number},,,,,,,,,{Quote(error!)}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{number},{CordonJson.Name(identifier.Type)},{Quote(identifier.Display)},{CordonJson.Name(result!.Verdict)},{result.Score}," +
                    $"{string.Join(';', result.Categories.Select(CordonJson.Name))},{result.Reports},{result.Organisations},{result.Countries},"));
            return;
        }
        await output.WriteLineAsync(identifier is null
            ? JsonSerializer.Serialize(new { line = number, error }, CordonJson.Options)
            : JsonSerializer.Serialize(new { line = number, response = ScreenResponse.From(identifier, result!) }, CordonJson.Options));
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
