using System.ComponentModel.DataAnnotations;
using FluentValidation;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Users;

public sealed class NewUserForm
{
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Display(Name = "Role")]
    public UserRole Role { get; set; } = UserRole.Marketer;

    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}

public sealed class NewUserFormValidator : AbstractValidator<NewUserForm>
{
    public NewUserFormValidator()
    {
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Enter a name.").MaximumLength(100);
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter an email.").EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(f => f.Role).IsInEnum();
        RuleFor(f => f.Password).NotEmpty().WithMessage("Set a first password.").MinimumLength(10).WithMessage("Use at least 10 characters.");
    }
}

public sealed class EditUserForm
{
    public string Id { get; set; } = "";

    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Role")]
    public UserRole Role { get; set; }

    public string Email { get; set; } = "";

    public bool IsDisabled { get; set; }

    /// <summary>The ids of the sender codes a Marketer may use (an Admin uses every one whatever is ticked).</summary>
    [Display(Name = "Sender codes")]
    public List<int> SenderCodeIds { get; set; } = [];

    /// <summary>Every sender code, to tick from; filled by the controller, never bound.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public IReadOnlyList<SmsContacts.Web.Infrastructure.Web.SenderCodeOption> SenderCodes { get; set; } = [];
}

public sealed class EditUserFormValidator : AbstractValidator<EditUserForm>
{
    public EditUserFormValidator()
    {
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Enter a name.").MaximumLength(100);
        RuleFor(f => f.Role).IsInEnum();
    }
}

/// <param name="WaitingUntilUtc">Set while failed sign-ins make the account wait before its next attempt.</param>
/// <param name="SenderCodes">The codes of the sender codes assigned to the user, in order (an Admin uses every one).</param>
public sealed record UserSummary(string Id, string DisplayName, string Email, UserRole Role, bool IsDisabled, DateTime? WaitingUntilUtc, IReadOnlyList<string> SenderCodes);
