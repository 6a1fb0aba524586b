using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Export;

/// <summary>Configure Export, the exports page, and the download behind an export email's link.</summary>
[Route("exports")]
public sealed class ExportController(ExportRequests requests, ExportsPage page, ExportDownloads downloads) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(SenderCodeOption senderCode, CancellationToken ct)
    {
        var model = await page.LoadAsync(senderCode, ct);

        // The page polls its own table (htmx) while an export is queued or running.
        return Request.Headers.ContainsKey("HX-Request") ? PartialView("_ExportsTable", model) : View(model);
    }

    [HttpGet("new")]
    public async Task<IActionResult> Configure(SenderCodeOption senderCode, [FromQuery] ExportRequestForm form, CancellationToken ct)
    {
        if (form.Kind is null)
        {
            return NotFound();
        }

        return View(await requests.LoadAsync(senderCode, form, UserId, ct));
    }

    [HttpPost("")]
    public async Task<IActionResult> Create(SenderCodeOption senderCode, ExportRequestForm form, [FromServices] IValidator<ExportRequestForm> validator, CancellationToken ct)
    {
        var export = await validator.ValidateIntoAsync(form, ModelState, ct)
            ? await requests.QueueAsync(senderCode, form, UserId, ModelState, ct)
            : null;
        if (export is null)
        {
            return View("Configure", await requests.LoadAsync(senderCode, form, UserId, ct));
        }

        TempData["Success"] = $"Export queued. {export.RecipientEmail} will get an email with a download link (valid for three days) when it is ready.";
        return Redirect("/exports");
    }

    [HttpPost("{exportId:guid}/retry")]
    public async Task<IActionResult> Retry(SenderCodeOption senderCode, Guid exportId, CancellationToken ct)
    {
        var result = await requests.RetryAsync(senderCode, exportId, UserId, ct);
        if (!result.Found)
        {
            return NotFound();
        }

        TempData[result.Export is null ? "Error" : "Success"] = result.Message;
        return Redirect("/exports");
    }

    [HttpGet("download")]
    public async Task<IActionResult> Download(string? token, CancellationToken ct)
    {
        var result = await downloads.FindAsync(token, UserId, ct);
        Response.Headers.CacheControl = "no-store";
        switch (result.Outcome)
        {
            case DownloadOutcome.Ready:
                return PhysicalFile(result.FilePath!, "text/csv; charset=utf-8", ExportDownloads.FileName);
            case DownloadOutcome.Expired:
                Response.StatusCode = StatusCodes.Status410Gone;
                return View("LinkExpired", result);
            default:
                Response.StatusCode = StatusCodes.Status404NotFound;
                return View("LinkNotFound");
        }
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
