using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Users;

/// <summary>Admin: who can sign in, and as what.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/users")]
public sealed class UsersController(UserManager<AppUser> users, UserAdministration administration, UserAccounts accounts, SenderCodeAccess senderCodeAccess) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await administration.ListAsync(ct));

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken ct) => View(new NewUserForm { SenderCodes = await administration.SenderCodesAsync(ct) });

    [HttpPost("new")]
    public async Task<IActionResult> Create(NewUserForm form, [FromServices] IValidator<NewUserForm> validator, CancellationToken ct)
    {
        form.SenderCodes = await administration.SenderCodesAsync(ct);
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View(form);
        }

        var result = await accounts.CreateAsync(form.Email.Trim(), form.DisplayName.Trim(), form.Password, form.Role);
        if (!ModelState.AddIdentityErrors(result))
        {
            return View(form);
        }

        var created = await users.FindByEmailAsync(form.Email.Trim());
        await senderCodeAccess.AssignAsync(created!.Id, form.SenderCodeIds, ct);

        TempData["Success"] = $"{form.Email.Trim()} can now sign in as {form.Role}.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id}/edit")]
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        return View(new EditUserForm
        {
            Id = user.Id,
            DisplayName = user.DisplayName,
            Email = user.Email ?? "",
            Role = await administration.RoleOfAsync(user),
            IsDisabled = user.IsDisabled,
            SenderCodeIds = [.. await senderCodeAccess.AssignedAsync(user.Id, ct)],
            SenderCodes = await administration.SenderCodesAsync(ct),
        });
    }

    [HttpPost("{id}/edit")]
    public async Task<IActionResult> Edit(string id, EditUserForm form, [FromServices] IValidator<EditUserForm> validator, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        form.Id = user.Id;
        form.Email = user.Email ?? "";
        form.IsDisabled = user.IsDisabled;
        form.SenderCodes = await administration.SenderCodesAsync(ct);
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View(form);
        }

        if (await administration.UpdateAsync(user, form.DisplayName, form.Role) is { } error)
        {
            ModelState.AddModelError("", error);
            return View(form);
        }

        await senderCodeAccess.AssignAsync(user.Id, form.SenderCodeIds, ct);

        TempData["Success"] = $"{form.Email} saved.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id}/disable")]
    public Task<IActionResult> Disable(string id) => SetDisabled(id, disabled: true);

    [HttpPost("{id}/enable")]
    public Task<IActionResult> Enable(string id) => SetDisabled(id, disabled: false);

    [HttpPost("{id}/unlock")]
    public async Task<IActionResult> Unlock(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await administration.UnlockAsync(user, ct);
        TempData["Success"] = $"{user.Email} can try to sign in again now.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id}/reset-password")]
    public async Task<IActionResult> SendPasswordResetLink(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (await administration.SendPasswordResetLinkAsync(user, ct) is { } error)
        {
            TempData["Error"] = error;
        }
        else
        {
            TempData["Success"] = $"A password reset link was sent to {user.Email}. It works once, for 24 hours; {user.Email} is signed out everywhere until then.";
        }

        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> SetDisabled(string id, bool disabled)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var error = await administration.SetDisabledAsync(user, disabled, User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (error is null)
        {
            TempData["Success"] = $"{user.Email} {(disabled ? "disabled" : "enabled")}.";
        }
        else
        {
            TempData["Error"] = error;
        }

        return RedirectToAction(nameof(Index));
    }
}
