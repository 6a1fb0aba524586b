using FluentValidation;
using SmsContacts.Web.Data;
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

        // Letters match no phone number: refuse rather than export an empty (or, worse, an unfiltered) file.
        RuleFor(f => f.Q).Must(q => PhoneSearch.Parse(q, "US").Kind != PhoneSearchKind.NotAPhone)
            .WithMessage(PhoneSearch.NotAPhoneMessage + ": type digits, such as 415 or (415) 555-0134, or clear the search.");
        RuleFor(f => f.RecipientUserId).NotEmpty().WithMessage("Select a recipient.");
    }
}
