using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Import;

/// <summary>Add Contacts > File Import: the three-step wizard, the Contact Import Status page and the import history.</summary>
[Route("imports")]
public sealed class ImportController(ImportWizard wizard, ImportReports reports, SenderCodeScope senderCodes) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> History(int page, CancellationToken ct)
    {
        if (await SenderCodeIdAsync(ct) is not { } senderCodeId)
        {
            return View("/Features/Contacts/NoSenderCode.cshtml");
        }

        return View(await reports.HistoryAsync(senderCodeId, page, ct));
    }

    [HttpGet("new")]
    public async Task<IActionResult> Upload([FromServices] IOptions<ImportOptions> options, CancellationToken ct) =>
        await SenderCodeIdAsync(ct) is null ? View("/Features/Contacts/NoSenderCode.cshtml") : View(new UploadModel(options.Value, null));

    /// <summary>
    /// The body is streamed by <see cref="ImportUpload"/>, never bound or buffered by MVC; it checks the
    /// anti-forgery token itself, from the form field that comes before the file.
    /// </summary>
    [HttpPost("upload")]
    [IgnoreAntiforgeryToken]
    [DisableFormValueModelBinding]
    public async Task<IActionResult> UploadFile([FromServices] ImportUpload upload, [FromServices] IOptions<ImportOptions> options, CancellationToken ct)
    {
        if (await SenderCodeIdAsync(ct) is not { } senderCodeId)
        {
            return NotFound();
        }

        var result = await upload.ReceiveAsync(HttpContext, senderCodeId, User.FindFirstValue(ClaimTypes.NameIdentifier)!, User.Identity!.Name!, ct);
        if (result.Outcome == UploadOutcome.Stored)
        {
            return RedirectToAction(nameof(Settings), new { importId = result.ImportId });
        }

        Response.StatusCode = result.Outcome is UploadOutcome.TooLarge or UploadOutcome.DraftsFull ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        return View("Upload", new UploadModel(options.Value, result.Message));
    }

    [HttpGet("{importId:guid}/settings")]
    public async Task<IActionResult> Settings(Guid importId, CancellationToken ct)
    {
        var import = await DraftAsync(importId, ct);
        if (import is null)
        {
            return DraftGone();
        }

        return import.Status != ImportStatus.Draft
            ? RedirectToAction(nameof(Status), new { importId })
            : await SettingsView(import, ImportSettingsForm.From(import), ct);
    }

    [HttpPost("{importId:guid}/settings")]
    public async Task<IActionResult> SaveSettings(Guid importId, ImportSettingsForm form, [FromServices] IValidator<ImportSettingsForm> validator, CancellationToken ct)
    {
        var import = await DraftAsync(importId, ct);
        if (import is null)
        {
            return DraftGone();
        }

        if (import.Status != ImportStatus.Draft)
        {
            return RedirectToAction(nameof(Status), new { importId });
        }

        form.SenderCodeId = import.SenderCodeId;
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return await SettingsView(import, form, ct);
        }

        if (await wizard.SaveSettingsAsync(import, form, ct) is { } problem)
        {
            ModelState.AddModelError("", problem);
            return await SettingsView(import, form, ct);
        }

        return RedirectToAction(nameof(Layout), new { importId });
    }

    [HttpGet("{importId:guid}/layout")]
    public async Task<IActionResult> Layout(Guid importId, CancellationToken ct)
    {
        var import = await DraftAsync(importId, ct);
        if (import is null)
        {
            return DraftGone();
        }

        if (import.Status != ImportStatus.Draft)
        {
            return RedirectToAction(nameof(Status), new { importId });
        }

        if (ImportWizard.MissingStep(import) is { } missing)
        {
            TempData["Error"] = missing;
            return RedirectToAction(nameof(Settings), new { importId });
        }

        return await LayoutView(import, ct);
    }

    /// <summary>
    /// Step 3's Import. The order of the steps holds on POST as on GET: without saved settings it goes back to step 2;
    /// a layout drawn for settings that another tab has changed since is shown again, with the settings as they are now.
    /// </summary>
    [HttpPost("{importId:guid}/layout")]
    public async Task<IActionResult> StartImport(Guid importId, ImportLayoutForm form, [FromServices] IValidator<ImportLayoutForm> validator, CancellationToken ct)
    {
        var import = await DraftAsync(importId, ct);
        if (import is null)
        {
            return DraftGone();
        }

        if (import.Status != ImportStatus.Draft)
        {
            return RedirectToAction(nameof(Status), new { importId });
        }

        if (ImportWizard.MissingStep(import) is { } missing)
        {
            TempData["Error"] = missing;
            return RedirectToAction(nameof(Settings), new { importId });
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

        await wizard.StartAsync(import, posted!.Select(c => c ?? "").ToList(), ct);
        return RedirectToAction(nameof(Status), new { importId });
    }

    /// <summary>Cancel on step 2 or 3: the draft and its uploaded file are deleted.</summary>
    [HttpPost("{importId:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid importId, CancellationToken ct)
    {
        var import = await DraftAsync(importId, ct);
        if (import is null)
        {
            return DraftGone();
        }

        if (import.Status != ImportStatus.Draft)
        {
            return RedirectToAction(nameof(Status), new { importId });
        }

        await wizard.CancelAsync(import, ct);
        TempData["Success"] = $"The import of \"{import.OriginalFileName}\" was cancelled and its file deleted.";
        return RedirectToAction(nameof(Upload));
    }

    [HttpGet("{importId:guid}")]
    public async Task<IActionResult> Status(Guid importId, CancellationToken ct)
    {
        var import = await FindAsync(importId, ct);
        if (import is null)
        {
            return NotFound();
        }

        return import.Status == ImportStatus.Draft ? RedirectToAction(nameof(Settings), new { importId }) : View(import);
    }

    /// <summary>The progress bar and the counts (the lines of the file and the outcome of every record) alone, polled by the status page while the import runs.</summary>
    [HttpGet("{importId:guid}/progress")]
    public async Task<IActionResult> Progress(Guid importId, CancellationToken ct)
    {
        var import = await FindAsync(importId, ct);
        return import is null ? NotFound() : PartialView("_Progress", import);
    }

    [HttpGet("{importId:guid}/warnings.csv")]
    public async Task<IActionResult> WarningRows(Guid importId, CancellationToken ct)
    {
        var import = await FindAsync(importId, ct);
        if (import is null)
        {
            return NotFound();
        }

        var name = Path.GetFileNameWithoutExtension(import.OriginalFileName);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{name}-warnings.csv",
            FileName = "warnings.csv",
        }.ToString();
        await reports.WriteWarningsCsvAsync(import.Id, Response.Body, ct);
        return new EmptyResult();
    }

    [HttpGet("{importId:guid}/rejected.csv")]
    public async Task<IActionResult> RejectedRows(Guid importId, CancellationToken ct)
    {
        var import = await FindAsync(importId, ct);
        if (import is null)
        {
            return NotFound();
        }

        var name = Path.GetFileNameWithoutExtension(import.OriginalFileName);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{name}-rejected-rows.csv",
            FileName = "rejected-rows.csv",
        }.ToString();
        await reports.WriteRejectedCsvAsync(import.Id, Response.Body, ct);
        return new EmptyResult();
    }

    [HttpPost("{importId:guid}/retry")]
    public async Task<IActionResult> Retry(Guid importId, CancellationToken ct)
    {
        var import = await DraftAsync(importId, ct);
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

    private async Task<int?> SenderCodeIdAsync(CancellationToken ct) => (await senderCodes.GetAsync(ct)).Current?.Id;

    /// <summary>
    /// A wizard page of an import that is not here (any more): a draft not started within the draft retention was deleted
    /// with its file. The same answer for an id that never existed or belongs to another sender code.
    /// </summary>
    private ViewResult DraftGone()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("DraftGone");
    }

    private static ImportLayoutModel Chosen(ImportLayoutModel layout, List<string?>? posted) =>
        posted is null
            ? layout
            : layout with { Columns = layout.Columns.Select(c => c with { Selected = c.Index < posted.Count ? posted[c.Index] ?? "" : "" }).ToList() };

    /// <summary>Tracked, for the steps that change it.</summary>
    private async Task<ImportRecord?> DraftAsync(Guid importId, CancellationToken ct) =>
        await SenderCodeIdAsync(ct) is { } senderCodeId ? await wizard.FindAsync(importId, senderCodeId, ct) : null;

    private async Task<ImportRecord?> FindAsync(Guid importId, CancellationToken ct) =>
        await SenderCodeIdAsync(ct) is { } senderCodeId ? await reports.FindAsync(importId, senderCodeId, ct) : null;

    private async Task<IActionResult> SettingsView(ImportRecord import, ImportSettingsForm form, CancellationToken ct) =>
        View("Settings", new SettingsModel(import, form, await wizard.ListsAsync(import.SenderCodeId, ct)));

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

public sealed record SettingsModel(ImportRecord Import, ImportSettingsForm Form, IReadOnlyList<ContactList> Lists);

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
