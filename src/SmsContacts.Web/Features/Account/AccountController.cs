using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Account;

[Route("account")]
public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    UserAccounts accounts,
    SetupState setup,
    AppDbContext db) : Controller
{
    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(SignInForm form, [FromServices] IValidator<SignInForm> validator)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }

        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is { IsDisabled: true })
        {
            ModelState.AddModelError("", "This account is disabled. Ask an admin to enable it.");
            return View(form);
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);

        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", "Too many failed attempts. This account is locked for 15 minutes.");
            return View(form);
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "Email or password is incorrect.");
            return View(form);
        }

        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/");
    }

    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutUser()
    {
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(SignIn));
    }

    [AllowAnonymous]
    [HttpGet("setup")]
    public async Task<IActionResult> Setup(CancellationToken ct) =>
        await setup.HasUsersAsync(db, ct) ? NotFound() : View(new SetupForm());

    [AllowAnonymous]
    [HttpPost("setup")]
    public async Task<IActionResult> Setup(SetupForm form, [FromServices] IValidator<SetupForm> validator, CancellationToken ct)
    {
        if (await setup.HasUsersAsync(db, ct))
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View(form);
        }

        var result = await accounts.CreateAsync(form.Email.Trim(), form.DisplayName.Trim(), form.Password, UserRole.Admin);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }

            return View(form);
        }

        var user = await users.FindByEmailAsync(form.Email.Trim());
        await signIn.SignInAsync(user!, isPersistent: false);
        return Redirect("/");
    }
}
