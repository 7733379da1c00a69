"""18.0.2.0.0: the register's states became the stages of the workflow.

Appeals registered before the stages existed get the first stage of the step their state
stands for: awaiting registration → "to register", registered → "with the Executive Director",
outcomes → their terminal stage. Nothing else of the journal entry is touched.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE acf_appeal AS appeal
           SET stage_id = stage.id, phase = stage.phase
          FROM (
                SELECT DISTINCT ON (phase) id, phase
                  FROM acf_appeal_stage
                 WHERE active
              ORDER BY phase, sequence, id
               ) AS stage
         WHERE appeal.stage_id IS NULL
           AND stage.phase = CASE appeal.state
                                 WHEN 'draft' THEN 'to_register'
                                 WHEN 'registered' THEN 'director'
                                 ELSE appeal.state
                             END
        """
    )
