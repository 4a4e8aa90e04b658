-- Patch lists are filtered by project and state and paged in id order: an index in that order
-- lets a page be read without sorting every patch of the project.
DROP INDEX message_project_state;
CREATE INDEX message_project_state ON message_project (project_id, state_id, seq);
CREATE INDEX series_member_role ON series_member (series_id, role, position);
