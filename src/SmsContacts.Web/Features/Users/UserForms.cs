using System.ComponentModel.DataAnnotations;
using FluentValidation;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Users;

/// <summary>A form that assigns sender codes to a user (Add user, Edit user): the ticked ids, and every code to tick from.</summary>
public interface ISenderCodeChoices
{
    /// <summary>The ids of the sender codes a Marketer may use (an Admin uses every one whatever is ticked).</summary>
    List<int> SenderCodeIds { get; }

    /// <summary>Every sender code, to tick from; filled by the controller, never bound.</summary>
    IReadOnlyList<SmsContacts.Web.Infrastructure.Web.SenderCodeOption> SenderCodes { get; }
}

public sealed class NewUserForm : ISenderCodeChoices
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

    /// <inheritdoc/>
    [Display(Name = "Sender codes")]
    public List<int> SenderCodeIds { get; set; } = [];

    /// <inheritdoc/>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public IReadOnlyList<SmsContacts.Web.Infrastructure.Web.SenderCodeOption> SenderCodes { get; set; } = [];
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

public sealed class EditUserForm : ISenderCodeChoices
{
    public string Id { get; set; } = "";

    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Role")]
    public UserRole Role { get; set; }

    public string Email { get; set; } = "";

    public bool IsDisabled { get; set; }

    /// <inheritdoc/>
    [Display(Name = "Sender codes")]
    public List<int> SenderCodeIds { get; set; } = [];

    /// <inheritdoc/>
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
