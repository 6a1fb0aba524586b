using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace SmsContacts.Web.Features.Account;

public sealed class SignInForm
{
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }

    /// <summary>The one answer for a wrong email, a wrong password and a disabled account.</summary>
    public const string RefusedMessage = "Email or password is incorrect, or the account is disabled.";

    /// <summary>Said alike for emails with and without a user: the wait depends only on the failed attempts.</summary>
    public static string WaitMessage(TimeSpan wait)
    {
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        var when = wait.TotalSeconds < 60 ? $"{(int)Math.Ceiling(wait.TotalSeconds)} seconds" : minutes == 1 ? "1 minute" : $"{minutes} minutes";
        return $"Too many failed sign-ins for this email or from this network. Try again in {when}, or ask an admin to unlock your account.";
    }
}

public sealed class SignInFormValidator : AbstractValidator<SignInForm>
{
    public SignInFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter your email.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Enter your password.");
    }
}

public sealed class ChangePasswordForm
{
    [Display(Name = "Current password")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [Display(Name = "New password")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Display(Name = "Confirm new password")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage("Choose a new password.").MinimumLength(10).WithMessage("Use at least 10 characters.");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("The passwords do not match.");
    }
}

/// <summary>The form behind a password reset link; the user id and token come from the link.</summary>
public sealed class ResetPasswordForm
{
    public string User { get; set; } = "";

    public string Token { get; set; } = "";

    [Display(Name = "New password")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Display(Name = "Confirm new password")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator()
    {
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage("Choose a new password.").MinimumLength(10).WithMessage("Use at least 10 characters.");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("The passwords do not match.");
    }
}
