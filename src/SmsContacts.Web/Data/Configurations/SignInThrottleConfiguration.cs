using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(SignInThrottle.MaxKeyLength);

        // The hourly clean-up finds the rows whose last failure is more than a day old.
        builder.HasIndex(t => t.LastFailureUtc);
    }
}
