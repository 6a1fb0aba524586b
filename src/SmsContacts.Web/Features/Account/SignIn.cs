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
}

public sealed class SignInFormValidator : AbstractValidator<SignInForm>
{
    public SignInFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter your email.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Enter your password.");
    }
}
