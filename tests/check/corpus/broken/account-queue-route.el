;; expect: 5:13 warning account-queue-route
(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it smtpmail-queue-mail t)
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((user-mail-address . "alice@work.example")
                      (smtpmail-smtp-server . "smtp.work.example")
                      (smtpmail-smtp-service . 587)))
            (make-mu4e-context :name "Home"
              :vars '((user-mail-address . "alice@home.example")
                      (smtpmail-smtp-server . "smtp.home.example")
                      (smtpmail-smtp-service . 587)))))
