using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace SmsContacts.Web.Features.Account;

/// <summary>The one-time form that creates the first admin; gone once any user exists.</summary>
public sealed class SetupForm
{
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Confirm password")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class SetupFormValidator : AbstractValidator<SetupForm>
{
    public SetupFormValidator()
    {
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Enter your name.").MaximumLength(100);
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter your email.").EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Choose a password.").MinimumLength(10).WithMessage("Use at least 10 characters.");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The passwords do not match.");
    }
}
