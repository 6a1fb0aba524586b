using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>A text typed by an admin as if a number had sent it to the current sender code.</summary>
public sealed class SimulateInboundForm
{
    // Nullable so that an empty field reaches the validator and its message, not MVC's generic "required".
    [Display(Name = "From (phone number)")]
    public string? From { get; set; }

    [Display(Name = "Message")]
    public string? Body { get; set; }

    [Display(Name = "Provider's OptOutType")]
    public string? OptOutType { get; set; }

    /// <summary>The sender code's country, for numbers typed without a country code; set by the controller.</summary>
    public string CountryCode { get; set; } = "US";
}

public sealed class SimulateInboundFormValidator : AbstractValidator<SimulateInboundForm>
{
    public SimulateInboundFormValidator()
    {
        RuleFor(f => f.From).Custom((from, context) =>
        {
            var normalized = Domain.PhoneNormalizer.Normalize(from, context.InstanceToValidate.CountryCode);
            if (!normalized.IsValid)
            {
                context.AddFailure(normalized.Error!);
            }
        });
        RuleFor(f => f.Body).NotEmpty().WithMessage("Enter the text the number sends (e.g. STOP, HELP, a join keyword or Y).")
            .MaximumLength(1600);
        RuleFor(f => f.OptOutType).Must(t => string.IsNullOrEmpty(t) || ProviderOptOutTypes.Normalize(t) is not null)
            .WithMessage("OptOutType is STOP, START, HELP or none.");
    }
}
