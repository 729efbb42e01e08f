using System.Text.Json;
using Cordon.Core.Errors;

namespace Cordon.Server.Federation;

/// <summary>
/// The TAXII rules every <c>/taxii2/</c> request meets before and after its endpoint: 406 for an Accept the server
/// cannot meet, 415 for a body not declared as TAXII, and every error (including the framework's 404, 405 and 413)
/// as a TAXII error resource in TAXII's media type, never problem details or a 500 with internals.
/// </summary>
public sealed class TaxiiProtocol(RequestDelegate next, ILogger<TaxiiProtocol> logger)
{
    public const string PathPrefix = "/taxii2";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!TaxiiMedia.Accepts(request.Headers.Accept))
        {
            await TaxiiMedia.WriteErrorAsync(context.Response, StatusCodes.Status406NotAcceptable, "Not acceptable.",
                $"This server answers in {TaxiiMedia.Taxii} only.");
            return;
        }
        if (HttpMethods.IsPost(request.Method) && !TaxiiMedia.IsTaxiiContent(request.ContentType))
        {
            await TaxiiMedia.WriteErrorAsync(context.Response, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"Send the envelope as Content-Type: {TaxiiMedia.Taxii}.");
            return;
        }
        if (context.GetEndpoint() is null)
        {
            // Before authentication, so that an unknown path is a TAXII 404 rather than the API's challenge.
            await TaxiiMedia.WriteErrorAsync(context.Response, StatusCodes.Status404NotFound, "Not found.", "No such TAXII resource.");
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception failure) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var (status, title, description) = Explain(failure);
            if (status >= 500)
            {
                logger.LogError(failure, "TAXII request failed");
            }
            await TaxiiMedia.WriteErrorAsync(context.Response, status, title, description);
            return;
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0
            && context.Response.ContentType is null)
        {
            var status = context.Response.StatusCode;
            await TaxiiMedia.WriteErrorAsync(context.Response, status, status switch
            {
                404 => "Not found.",
                405 => "Method not allowed.",
                _ => "Request refused.",
            }, status == 404 ? "No such API root, collection, object or status, or none your organisation may see." : null);
        }
    }

    private static (int Status, string Title, string? Description) Explain(Exception failure) => failure switch
    {
        BadHttpRequestException { StatusCode: 413 } => (413, "Request too large.", "The envelope is larger than the API root's max_content_length."),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request.", "The request could not be read."),
        JsonException => (400, "Malformed JSON.", "The body is not valid JSON."),
        InvalidInputException invalid => (400, "Bad request.", invalid.Message),
        NotFoundException notFound => (404, "Not found.", notFound.Message),
        ForbiddenException forbidden => (403, "Forbidden.", forbidden.Message),
        ConflictException conflict => (409, "Conflict.", conflict.Message),
        _ => (500, "Internal error.", "The server could not answer; the error is logged."),
    };
}
