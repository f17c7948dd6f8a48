;; expect: 6:24 warning context-unknown-variable
(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org")
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((user-mail-adress . "alice@work.example")
                      (smtpmail-smtp-server . "smtp.work.example")
                      (smtpmail-smtp-service . 587)))))
