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
    public async Task<IActionResult> SignIn(SignInForm form, [FromServices] IValidator<SignInForm> validator, [FromServices] PasswordSignIn passwordSignIn, CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View(form);
        }

        var result = await passwordSignIn.SignInAsync(HttpContext, form.Email, form.Password, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                // A new sign-in starts in the user's default sender code, not in the last user's of this browser.
                SenderCodeScope.ForgetSessionChoice(HttpContext);
                return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/");
            case SignInOutcome.Waiting:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                ModelState.AddModelError("", SignInForm.WaitMessage(result.Wait));
                return View(form);
            default:
                ModelState.AddModelError("", SignInForm.RefusedMessage);
                return View(form);
        }
    }

    /// <summary>Signing out here signs out everywhere: the new security stamp refuses every copy of every cookie of this user.</summary>
    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutUser()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        SenderCodeScope.ForgetSessionChoice(HttpContext);
        return RedirectToAction(nameof(SignIn));
    }

    [HttpGet("password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, [FromServices] IValidator<ChangePasswordForm> validator, [FromServices] PasswordChanges changes, CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View(form);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var errors = await changes.ChangeOwnAsync(HttpContext, user, form.CurrentPassword, form.NewPassword, ct);
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            return View(form);
        }

        TempData["Success"] = "Your password is changed. You stay signed in here; every other browser signed in as you is signed out.";
        return Redirect("/");
    }

    [AllowAnonymous]
    [HttpGet("reset-password")]
    public async Task<IActionResult> ResetPassword(string? user, string? token, [FromServices] PasswordChanges changes) =>
        await changes.IsResetLinkValidAsync(user, token)
            ? View(new ResetPasswordForm { User = user!, Token = token! })
            : View("ResetLinkInvalid");

    [AllowAnonymous]
    [HttpPost("reset-password")]
    public async Task<IActionResult> ResetPassword(ResetPasswordForm form, [FromServices] IValidator<ResetPasswordForm> validator, [FromServices] PasswordChanges changes, CancellationToken ct)
    {
        if (!await changes.IsResetLinkValidAsync(form.User, form.Token))
        {
            return View("ResetLinkInvalid");
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View(form);
        }

        var errors = await changes.ResetAsync(form.User, form.Token, form.NewPassword);
        if (errors is null)
        {
            return View("ResetLinkInvalid");
        }

        if (errors.Count > 0)
        {
            foreach (var message in errors)
            {
                ModelState.AddModelError(nameof(ResetPasswordForm.NewPassword), message);
            }

            return View(form);
        }

        TempData["Success"] = "Your new password is set. Sign in with it.";
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
        if (!ModelState.AddIdentityErrors(result))
        {
            return View(form);
        }

        var user = await users.FindByEmailAsync(form.Email.Trim());
        await signIn.SignInAsync(user!, isPersistent: false);
        return Redirect("/");
    }
}
