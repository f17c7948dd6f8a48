;; expect: 6:13 error port-465-without-tls
;; status: 78
(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org")
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((user-mail-address . "alice@work.example")
                      (smtpmail-smtp-server . "smtp.work.example")
                      (smtpmail-smtp-service . 465)))))
