-- What deploy-latest and an image push need: an image's name and newest push, and who subscribes to it.
ALTER TABLE directory_images ADD COLUMN name TEXT;
ALTER TABLE directory_images ADD COLUMN latest_tag TEXT;
ALTER TABLE directory_images ADD COLUMN latest_digest TEXT;
ALTER TABLE directory_resources ADD COLUMN subscribe_to TEXT;
CREATE INDEX directory_resources_subscribers ON directory_resources (subscribe_to) WHERE subscribe_to IS NOT NULL;
