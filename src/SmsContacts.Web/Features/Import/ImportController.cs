using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Import;

/// <summary>Add Contacts > File Import: the three-step wizard, the Contact Import Status page and the import history.</summary>
[Route("imports")]
public sealed class ImportController(ImportWizard wizard, ImportReports reports, ImportUndos undos) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> History(SenderCodeOption senderCode, int page, CancellationToken ct) =>
        View(await reports.HistoryAsync(senderCode.Id, page, ct));

    /// <summary>Admin: the import layouts remembered on the sender code (see <see cref="RememberedLayouts"/>).</summary>
    [HttpGet("layouts")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> SavedLayouts(SenderCodeOption senderCode, [FromServices] RememberedLayouts layouts, CancellationToken ct) =>
        View(new SavedLayoutsPage(senderCode, await layouts.ListAsync(senderCode.Id, ct)));

    /// <summary>Deletes one saved layout; the next file with those column names has its columns chosen from their names again.</summary>
    [HttpPost("layouts/{layoutId:int}/delete")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> DeleteSavedLayout(SenderCodeOption senderCode, int layoutId, [FromServices] RememberedLayouts layouts, CancellationToken ct)
    {
        if (!await layouts.DeleteAsync(senderCode.Id, layoutId, ct))
        {
            return NotFound();
        }

        TempData["Success"] = "Saved layout deleted. The next file with those column names has its columns chosen from their names again.";
        return RedirectToAction(nameof(SavedLayouts));
    }

    [HttpGet("new")]
    public IActionResult Upload(SenderCodeOption senderCode, [FromServices] IOptions<ImportOptions> options) =>
        View(new UploadModel(options.Value, null));

    /// <summary>
    /// The body is streamed by <see cref="ImportUpload"/>, never bound or buffered by MVC; it checks the
    /// anti-forgery token itself, from the form field that comes before the file.
    /// </summary>
    [HttpPost("upload")]
    [IgnoreAntiforgeryToken]
    [DisableFormValueModelBinding]
    public async Task<IActionResult> UploadFile(SenderCodeOption senderCode, [FromServices] ImportUpload upload, [FromServices] IOptions<ImportOptions> options, CancellationToken ct)
    {
        var result = await upload.ReceiveAsync(HttpContext, senderCode.Id, UserId, User.Identity!.Name!, ct);
        if (result.Outcome == UploadOutcome.Stored)
        {
            return RedirectToAction(nameof(Settings), new { importId = result.ImportId });
        }

        Response.StatusCode = result.Outcome is UploadOutcome.TooLarge or UploadOutcome.DraftsFull ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        return View("Upload", new UploadModel(options.Value, result.Message));
    }

    [HttpGet("{importId:guid}/settings")]
    public async Task<IActionResult> Settings(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var (import, answer) = await OwnDraftAsync(senderCode, importId, ct);
        return import is null ? answer! : await SettingsView(import, ImportSettingsForm.Of(import), ct);
    }

    [HttpPost("{importId:guid}/settings")]
    public async Task<IActionResult> SaveSettings(SenderCodeOption senderCode, Guid importId, ImportSettingsForm form, [FromServices] IValidator<ImportSettingsForm> validator, CancellationToken ct)
    {
        var (import, answer) = await OwnDraftAsync(senderCode, importId, ct);
        if (import is null)
        {
            return answer!;
        }

        form.Import = import;
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return await SettingsView(import, form, ct);
        }

        if (await wizard.SaveSettingsAsync(import, form.ToSettings(), ct) is { } problem)
        {
            ModelState.AddModelError("", problem);
            return await SettingsView(import, form, ct);
        }

        return RedirectToAction(nameof(Layout), new { importId });
    }

    [HttpGet("{importId:guid}/layout")]
    public async Task<IActionResult> Layout(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var (import, answer) = await DraftWithSettingsAsync(senderCode, importId, ct);
        if (import is null)
        {
            return answer!;
        }

        return await LayoutView(import, ct);
    }

    /// <summary>
    /// Step 3's Preview. The order of the steps holds on POST as on GET: without saved settings it goes back to step 2;
    /// a layout drawn for settings that another tab has changed since is shown again, with the settings as they are now.
    /// </summary>
    [HttpPost("{importId:guid}/layout")]
    public async Task<IActionResult> StartPreview(SenderCodeOption senderCode, Guid importId, ImportLayoutForm form, [FromServices] IValidator<ImportLayoutForm> validator, CancellationToken ct)
    {
        var (import, answer) = await DraftWithSettingsAsync(senderCode, importId, ct);
        if (import is null)
        {
            return answer!;
        }

        var (layout, error) = await wizard.LayoutAsync(import, ct);
        if (layout is null)
        {
            ModelState.AddModelError("", error!);
            return View("Layout", null);
        }

        var posted = form.ChosenColumns();
        if (form.SettingsStamp != layout.SettingsStamp)
        {
            ModelState.AddModelError("", "The Import Settings of this file were changed (in another tab or window) after this page was opened. Check the settings and the columns below, then Import.");
            return View("Layout", Chosen(layout, posted));
        }

        form.Fields = layout.Fields;
        form.ColumnCount = layout.Columns.Count;
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View("Layout", Chosen(layout, posted));
        }

        await wizard.PreviewAsync(import, posted!.Select(c => c ?? "").ToList(), ct);
        return RedirectToAction(nameof(Preview), new { importId });
    }

    /// <summary>Step 4, Preview: the progress of the preview, then what the import would do; Import or Back.</summary>
    [HttpGet("{importId:guid}/preview")]
    public async Task<IActionResult> Preview(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var (import, answer) = await DraftWithSettingsAsync(senderCode, importId, ct);
        if (import is null)
        {
            return answer!;
        }

        var page = await wizard.PreviewPageAsync(import, RejectedRowsShown, ct);
        return page is null ? RedirectToAction(nameof(Layout), new { importId }) : View("Preview", page);
    }

    /// <summary>The Preview step's body alone, polled while the preview runs.</summary>
    [HttpGet("{importId:guid}/preview/progress")]
    public async Task<IActionResult> PreviewProgress(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var (import, answer) = await DraftWithSettingsAsync(senderCode, importId, ct);
        if (import is null)
        {
            // The import was started (in another tab): the page is reloaded onto its status.
            Response.Headers["HX-Redirect"] = $"/imports/{importId}";
            return answer!;
        }

        var page = await wizard.PreviewPageAsync(import, RejectedRowsShown, ct);
        return page is null ? NotFound() : PartialView("_Preview", page);
    }

    /// <summary>The Preview step's Import: queues the import the preview <paramref name="run"/> showed.</summary>
    [HttpPost("{importId:guid}/import")]
    public async Task<IActionResult> StartImport(SenderCodeOption senderCode, Guid importId, Guid run, CancellationToken ct)
    {
        var (import, answer) = await DraftWithSettingsAsync(senderCode, importId, ct);
        if (import is null)
        {
            return answer!;
        }

        if (await wizard.ImportAsync(import, run, ct) is { } problem)
        {
            TempData["Error"] = problem;
            return RedirectToAction(nameof(Preview), new { importId });
        }

        return RedirectToAction(nameof(Status), new { importId });
    }

    /// <summary>Rejected rows the Preview step lists (the import's status page has them all, as a CSV).</summary>
    public const int RejectedRowsShown = 200;

    /// <summary>Cancel on step 2 or 3: the draft and its uploaded file are deleted.</summary>
    [HttpPost("{importId:guid}/cancel")]
    public async Task<IActionResult> Cancel(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var (import, answer) = await OwnDraftAsync(senderCode, importId, ct);
        if (import is null)
        {
            return answer!;
        }

        await wizard.CancelAsync(import, ct);
        TempData["Success"] = $"The import of \"{import.OriginalFileName}\" was cancelled and its file deleted.";
        return RedirectToAction(nameof(Upload));
    }

    [HttpGet("{importId:guid}")]
    public async Task<IActionResult> Status(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var import = await reports.FindAsync(importId, senderCode.Id, ct);
        if (import is null)
        {
            return NotFound();
        }

        if (import.Status == ImportStatus.Draft)
        {
            // A draft is its starter's until it is imported: another user of the sender code cannot see or continue it.
            return import.UserId == UserId ? RedirectToAction(nameof(Settings), new { importId }) : NotFound();
        }

        return View(new ImportStatusPage(import, await undos.ViewAsync(import, ct), await reports.PreviewComparisonAsync(import, ct)));
    }

    /// <summary>The Undo import section alone, polled by the status page while the undo runs.</summary>
    [HttpGet("{importId:guid}/undo")]
    public async Task<IActionResult> UndoProgress(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var import = await reports.FindAsync(importId, senderCode.Id, ct);
        return import is null || import.Status == ImportStatus.Draft ? NotFound() : PartialView("_Undo", await undos.ViewAsync(import, ct));
    }

    /// <summary>
    /// Undo import (admins): queues the undo (<see cref="ImportUndos"/>); an Opt-out contacts import needs
    /// <paramref name="confirmAgreedAgain"/>, the admin's confirmation that each number agreed again.
    /// </summary>
    [HttpPost("{importId:guid}/undo")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Undo(SenderCodeOption senderCode, Guid importId, bool confirmAgreedAgain, CancellationToken ct)
    {
        var import = await reports.FindAsync(importId, senderCode.Id, ct);
        if (import is null || import.Status == ImportStatus.Draft)
        {
            return NotFound();
        }

        if (await undos.RequestAsync(import, UserId, User.Identity!.Name!, confirmAgreedAgain, ct) is { } problem)
        {
            TempData["Error"] = $"This import was not undone. {problem}";
        }
        else
        {
            TempData["Success"] = "Undoing the import. The counts below show what it set back.";
        }

        return Redirect($"/imports/{importId}#import-undo");
    }

    /// <summary>The progress bar and the counts (the lines of the file and the outcome of every record) alone, polled by the status page while the import runs.</summary>
    [HttpGet("{importId:guid}/progress")]
    public async Task<IActionResult> Progress(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var import = await reports.FindAsync(importId, senderCode.Id, ct);
        return import is null ? NotFound() : PartialView("_Progress", import);
    }

    [HttpGet("{importId:guid}/warnings.csv")]
    public Task<IActionResult> WarningRows(SenderCodeOption senderCode, Guid importId, CancellationToken ct) =>
        RowReportAsync(senderCode, importId, ImportRowReport.Warnings, "warnings.csv", ct);

    [HttpGet("{importId:guid}/rejected.csv")]
    public Task<IActionResult> RejectedRows(SenderCodeOption senderCode, Guid importId, CancellationToken ct) =>
        RowReportAsync(senderCode, importId, ImportRowReport.Rejected, "rejected-rows.csv", ct);

    [HttpPost("{importId:guid}/retry")]
    public async Task<IActionResult> Retry(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var import = await wizard.FindAsync(importId, senderCode.Id, ct);
        if (import is null)
        {
            return NotFound();
        }

        if (await wizard.RetryAsync(import, ct) is { } problem)
        {
            TempData["Error"] = $"This import cannot be retried. {problem}";
        }

        return RedirectToAction(nameof(Status), new { importId });
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>
    /// The draft a wizard step works on (tracked, for the steps that change it): of this sender code and started
    /// by this user, or the answer instead: 404 for an id of another sender code or another user's draft (a draft
    /// is its starter's), the status page for an import that is no draft any more.
    /// </summary>
    private async Task<(ImportRecord? Draft, IActionResult? Answer)> OwnDraftAsync(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var import = await wizard.FindAsync(importId, senderCode.Id, ct);
        if (import is null || (import.Status == ImportStatus.Draft && import.UserId != UserId))
        {
            return (null, DraftGone());
        }

        return import.Status == ImportStatus.Draft ? (import, null) : (null, RedirectToAction(nameof(Status), new { importId }));
    }

    /// <summary>Step 3's draft (<see cref="OwnDraftAsync"/>), or back to step 2 while its settings were never saved.</summary>
    private async Task<(ImportRecord? Draft, IActionResult? Answer)> DraftWithSettingsAsync(SenderCodeOption senderCode, Guid importId, CancellationToken ct)
    {
        var (import, answer) = await OwnDraftAsync(senderCode, importId, ct);
        if (import is not null && ImportWizard.MissingStep(import) is { } missing)
        {
            TempData["Error"] = missing;
            return (null, RedirectToAction(nameof(Settings), new { importId }));
        }

        return (import, answer);
    }

    /// <summary>
    /// A wizard page of an import that is not here (any more): a draft not started within the draft retention was deleted
    /// with its file. The same answer for an id that never existed, belongs to another sender code or is another user's draft.
    /// </summary>
    private ViewResult DraftGone()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("DraftGone");
    }

    /// <summary>Streams a report of the import's rows as a download named after the uploaded file ("contacts-warnings.csv").</summary>
    private async Task<IActionResult> RowReportAsync(SenderCodeOption senderCode, Guid importId, ImportRowReport report, string fileName, CancellationToken ct)
    {
        var import = await reports.FindAsync(importId, senderCode.Id, ct);
        if (import is null)
        {
            return NotFound();
        }

        var name = Path.GetFileNameWithoutExtension(import.OriginalFileName);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{name}-{fileName}",
            FileName = fileName,
        }.ToString();
        await reports.WriteRowsCsvAsync(import.Id, report, Response.Body, ct);
        return new EmptyResult();
    }

    private static ImportLayoutModel Chosen(ImportLayoutModel layout, List<string?>? posted) =>
        posted is null
            ? layout
            : layout with { Columns = layout.Columns.Select(c => c with { Selected = c.Index < posted.Count ? posted[c.Index] ?? "" : "" }).ToList() };

    private async Task<IActionResult> SettingsView(ImportRecord import, ImportSettingsForm form, CancellationToken ct)
    {
        form.Import = import;
        form.Lists = await wizard.ListsAsync(import.SenderCodeId, ct);
        return View("Settings", form);
    }

    private async Task<IActionResult> LayoutView(ImportRecord import, CancellationToken ct)
    {
        var (layout, error) = await wizard.LayoutAsync(import, ct);
        if (layout is null)
        {
            ModelState.AddModelError("", error!);
        }

        return View("Layout", layout);
    }
}

public sealed record UploadModel(ImportOptions Options, string? Error);

/// <summary>Contact Import Status: the import, its Undo import section, and how it compares with its Preview (null while it runs or without one).</summary>
public sealed record ImportStatusPage(ImportRecord Import, ImportUndoView Undo, ImportPreviewComparison? Preview);

/// <summary>Keeps MVC from reading the form (and buffering an upload) to bind values the action does not take.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DisableFormValueModelBindingAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
