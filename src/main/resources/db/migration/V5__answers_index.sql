-- Comments of a patch are found by the member they answer.
CREATE INDEX series_member_answers ON series_member (answers_id);
