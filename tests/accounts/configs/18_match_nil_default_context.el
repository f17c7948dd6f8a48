(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it)
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "Work"
             :match-func (lambda (msg)
                           (when msg
                             (mu4e-message-contact-field-matches msg '(:to :cc) "mo@work.example")))
             :vars '((user-mail-address . "mo@work.example")
                     (smtpmail-smtp-server . "smtp.work.example")))
            (make-mu4e-context
             :name "Default"
             :match-func (lambda (msg) (not msg))
             :vars '((user-mail-address . "mo@default.example")
                     (smtpmail-smtp-server . "smtp.default.example")))))
