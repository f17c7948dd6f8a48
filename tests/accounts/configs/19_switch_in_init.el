(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it)
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "Primary"
             :leave-func (lambda () (setq smtpmail-smtp-user nil))
             :vars '((user-mail-address . "ned@primary.example")
                     (smtpmail-smtp-server . "smtp.primary.example")
                     (smtpmail-smtp-user . "ned")))
            (make-mu4e-context
             :name "Secondary"
             :vars '((user-mail-address . "ned@secondary.example")
                     (smtpmail-smtp-server . "smtp.secondary.example")))))
;; Start in the primary account, as some configs do at the end of init.
(mu4e-context-switch nil "Primary")
