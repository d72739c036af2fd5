-- ФИС ФРДО ДПО template: УГС of the programme, every prior-education level of the template,
-- duplicates (columns 32–39 come from the original) and corrections (column 40).
ALTER TABLE courses ADD COLUMN ugs text CHECK (ugs IS NULL OR length(ugs) <= 500);

ALTER TABLE trainee_profiles DROP CONSTRAINT trainee_profiles_education_level_check;
ALTER TABLE trainee_profiles ADD CONSTRAINT trainee_profiles_education_level_check
  CHECK (education_level IN ('higher', 'secondary_vocational', 'certificate', 'experience', 'frdo_rule_1'));

-- A duplicate replaces a lost or damaged original; the original's data is read from that row.
ALTER TABLE certificates ADD COLUMN original_id bigint REFERENCES certificates (id);
ALTER TABLE certificates ADD COLUMN loss_confirmation text NOT NULL DEFAULT 'none'
  CHECK (loss_confirmation IN ('none', 'police', 'fire_service', 'newspaper', 'other'));
ALTER TABLE certificates ADD COLUMN exchange_confirmation text NOT NULL DEFAULT 'none'
  CHECK (exchange_confirmation IN ('none', 'damage', 'wrong_data'));
-- The holder's name as printed, kept separately so a duplicate can quote the original exactly.
ALTER TABLE certificates ADD COLUMN holder_surname text;
ALTER TABLE certificates ADD COLUMN holder_given_name text;
ALTER TABLE certificates ADD COLUMN holder_patronymic text;
-- A corrected document replaces one issued with wrong data; the registry row names it (column 40).
ALTER TABLE certificates ADD COLUMN corrects_id bigint REFERENCES certificates (id);
ALTER TABLE certificates ADD CONSTRAINT certificates_duplicate_or_correction CHECK (original_id IS NULL OR corrects_id IS NULL);
ALTER TABLE certificates ADD CONSTRAINT certificates_duplicate_confirmed
  CHECK (original_id IS NOT NULL OR (loss_confirmation = 'none' AND exchange_confirmation = 'none'));
