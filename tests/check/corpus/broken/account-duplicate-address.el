;; expect: 9:13 warning account-duplicate-address
(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it)
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((user-mail-address . "alice@example.org")
                      (smtpmail-smtp-server . "smtp.example.org")
                      (smtpmail-smtp-service . 587)))
            (make-mu4e-context :name "Lists"
              :vars '((user-mail-address . "alice@example.org")
                      (smtpmail-smtp-server . "smtp.lists.example.org")
                      (smtpmail-smtp-service . 587)))))
