using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace SmsContacts.Web.Features.Errors;

/// <summary>Renders the status-code pages (403, 404, 500...) that UseStatusCodePagesWithReExecute sends here.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorsController : Controller
{
    [Route("error/{code:int}")]
    public IActionResult Show(int code)
    {
        Response.StatusCode = code;
        return View("Error", code);
    }
}
