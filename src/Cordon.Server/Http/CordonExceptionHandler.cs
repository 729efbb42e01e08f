using System.Text.Json;
using Cordon.Core.Errors;
using Cordon.Server.WebConsole;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Http;

/// <summary>
/// Turns every exception into RFC 9457 problem details. Known failures say what is wrong; anything else is a 500
/// that shows no internals (the details go to the log with the trace id).
/// </summary>
public sealed class CordonExceptionHandler(IProblemDetailsService problems, ILogger<CordonExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            InvalidInputException invalid => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [invalid.Field] = [invalid.Reason] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
                Detail = invalid.Message,
            },
            NotFoundException => Problem(StatusCodes.Status404NotFound, "Not found.", exception.Message),
            ForbiddenException => Problem(StatusCodes.Status403Forbidden, "Forbidden.", exception.Message),
            ConflictException => Problem(StatusCodes.Status409Conflict, "Conflict.", exception.Message),
            AuditLogBrokenException => Problem(StatusCodes.Status503ServiceUnavailable, "The audit log is broken.", exception.Message),
            BadHttpRequestException bad => Problem(bad.StatusCode, BadRequestTitle(bad.StatusCode), BadRequestDetail(bad)),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
                "The error was logged; quote the trace id to the node's operator.");
        }
        if (exception is AuditLogBrokenException broken)
        {
            logger.LogCritical("The audit log is broken at record {Record}: writes are refused", broken.FirstBadRecord);
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (httpContext.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "300";
        }
        if (ConsoleErrorPage.Serves(httpContext))
        {
            await ConsoleErrorPage.WriteAsync(httpContext, httpContext.Response.StatusCode);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static string BadRequestTitle(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
        _ => "The request is not valid.",
    };

    // The framework's messages can name internal types; say only what the caller needs to fix.
    private static string BadRequestDetail(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json when json.Path is not null => $"The JSON body is malformed or has a wrong or unknown field at '{json.Path}'.",
        JsonException => "The JSON body is malformed.",
        _ when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => "The request body exceeds the limit for this endpoint.",
        _ when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ when bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) => "A required value is missing.",
        _ when bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) => "A route or query value has the wrong format.",
        _ => "The request could not be read.",
    };
}
