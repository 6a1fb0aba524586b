using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Errors;

/// <summary>
/// The app's error page, for the status-code pages (403, 404...) and the exception handler (400, 413, 500).
/// The status comes only from the response being re-executed, never from the request: no route, form or
/// query value can choose it. Requested directly, <c>/error</c> is just an address that does not exist.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorsController(ILogger<ErrorsController> logger) : Controller
{
    [Route("error")]
    public IActionResult Show()
    {
        var status = StatusCodes.Status404NotFound;
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is { } failure)
        {
            // The exception handler has set the status (500, or 400/413 for an unreadable request).
            status = Response.StatusCode is >= 400 and <= 599 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
            if (UnreadableRequest.StatusCodeFor(failure.Error) is not null)
            {
                logger.LogWarning("Refused an unreadable {Method} {Path} with {Status}: {Reason}", Request.Method, failure.Path, status, failure.Error.Message);
            }
        }
        else if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original)
        {
            status = original.OriginalStatusCode is >= 400 and <= 599 ? original.OriginalStatusCode : StatusCodes.Status500InternalServerError;
        }

        Response.StatusCode = status;
        return View("Error", status);
    }
}
