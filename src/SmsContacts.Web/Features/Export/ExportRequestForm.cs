using FluentValidation;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Contacts;

namespace SmsContacts.Web.Features.Export;

/// <summary>Configure Export: the tab and its filters (carried over from the dashboard) and the recipient.</summary>
public sealed class ExportRequestForm
{
    public string? Tab { get; set; }

    public int? List { get; set; }

    public OptOutReason? Reason { get; set; }

    public string? Q { get; set; }

    public string? RecipientUserId { get; set; }

    public ExportKind? Kind => Tab switch
    {
        DashboardTab.Contacts or null or "" => ExportKind.Contacts,
        DashboardTab.OptedOut => ExportKind.OptedOut,
        _ => null,
    };
}

public sealed class ExportRequestFormValidator : AbstractValidator<ExportRequestForm>
{
    public const int MaxSearchLength = 40;

    public ExportRequestFormValidator()
    {
        RuleFor(f => f.Tab).Must((form, _) => form.Kind is not null)
            .WithMessage("Only the Contacts and Opted-Out tabs can be exported.");
        RuleFor(f => f.Q).MaximumLength(MaxSearchLength)
            .WithMessage($"The phone search can be at most {MaxSearchLength} characters.");
        RuleFor(f => f.RecipientUserId).NotEmpty().WithMessage("Select a recipient.");
    }
}
