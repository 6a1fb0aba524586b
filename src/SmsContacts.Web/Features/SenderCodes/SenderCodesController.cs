using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.SenderCodes;

/// <summary>Admin: sender codes and their lists.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/sender-codes")]
public sealed class SenderCodesController(AppDbContext db, SenderCodeEditor editor) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var codes = await db.SenderCodes.AsNoTracking()
            .OrderBy(s => s.Code)
            .Select(s => new SenderCodeSummary(s.Id, s.Code, s.Name, s.CountryCode, s.Lists.Count))
            .ToListAsync(ct);
        return View(codes);
    }

    [HttpGet("new")]
    public IActionResult Create() => View("Edit", new SenderCodeForm());

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var senderCode = await db.SenderCodes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return senderCode is null ? NotFound() : View(SenderCodeForm.Of(senderCode));
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(SenderCodeForm form, [FromServices] IValidator<SenderCodeForm> validator, CancellationToken ct)
    {
        if (form.Id is { } id && !await db.SenderCodes.AnyAsync(s => s.Id == id, ct))
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View("Edit", form);
        }

        var savedId = await editor.SaveAsync(form, ct);
        TempData["Success"] = $"Sender code {form.Code} saved.";
        return RedirectToAction(nameof(Details), new { id = savedId });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var senderCode = await db.SenderCodes.AsNoTracking()
            .Include(s => s.Lists.OrderBy(l => l.Name)).ThenInclude(l => l.Keywords)
            .SingleOrDefaultAsync(s => s.Id == id, ct);
        return senderCode is null ? NotFound() : View(senderCode);
    }

    /// <summary>One click: adds a language's common opt-out and help words (Spanish, French) to the sender code's extra words.</summary>
    [HttpPost("{id:int}/words/{language}")]
    public async Task<IActionResult> AddLanguageWords(int id, string language, [FromServices] IValidator<SenderCodeForm> validator, CancellationToken ct)
    {
        var words = InboundKeywords.Languages.FirstOrDefault(l => l.Code == language);
        var form = words is null ? null : await editor.WithLanguageWordsAsync(id, words, ct);
        if (form is null)
        {
            return NotFound();
        }

        var result = await validator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            TempData["Error"] = $"The {words!.Name} words were not added: " + string.Join(" ", result.Errors.Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Details), new { id });
        }

        await editor.SaveAsync(form, ct);
        TempData["Success"] = $"{words!.Name} words added: {string.Join(", ", words.OptOut.Concat(words.OptIn).Concat(words.Help))}.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{senderCodeId:int}/lists/new")]
    public async Task<IActionResult> CreateList(int senderCodeId, CancellationToken ct) =>
        await db.SenderCodes.AnyAsync(s => s.Id == senderCodeId, ct) ? View("EditList", new ListForm { SenderCodeId = senderCodeId }) : NotFound();

    [HttpGet("lists/{listId:int}/edit")]
    public async Task<IActionResult> EditList(int listId, CancellationToken ct)
    {
        var list = await db.Lists.AsNoTracking().Include(l => l.Keywords).SingleOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null)
        {
            return NotFound();
        }

        return View(new ListForm
        {
            Id = list.Id,
            SenderCodeId = list.SenderCodeId,
            Name = list.Name,
            Keywords = string.Join(", ", list.Keywords.Select(k => k.Keyword).Order()),
            DoubleOptIn = list.DoubleOptIn,
            WelcomeMessage = list.WelcomeMessage,
        });
    }

    [HttpPost("lists/save")]
    public async Task<IActionResult> SaveList(ListForm form, [FromServices] IValidator<ListForm> validator, CancellationToken ct)
    {
        // The list's sender code comes from the database, never from the form, when editing.
        if (form.Id is { } listId)
        {
            var owner = await db.Lists.Where(l => l.Id == listId).Select(l => (int?)l.SenderCodeId).SingleOrDefaultAsync(ct);
            if (owner is null)
            {
                return NotFound();
            }

            form.SenderCodeId = owner.Value;
        }
        else if (!await db.SenderCodes.AnyAsync(s => s.Id == form.SenderCodeId, ct))
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View("EditList", form);
        }

        await editor.SaveListAsync(form, ct);
        TempData["Success"] = $"List {form.Name.Trim()} saved.";
        return RedirectToAction(nameof(Details), new { id = form.SenderCodeId });
    }
}

public sealed record SenderCodeSummary(int Id, string Code, string Name, string CountryCode, int ListCount);
