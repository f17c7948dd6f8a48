;;; mail.el --- accounts from one table  -*- lexical-binding: t; -*-
(require 'mu4e)
(defvar my-mail-accounts
  '(("work" "gina@work.example" "smtp.work.example" 587 starttls)
    ("home" "gina@home.example" "smtp.home.example" 465 ssl)))
(setq mu4e-contexts nil)
(dolist (account my-mail-accounts)
  (let ((name (nth 0 account))
        (address (nth 1 account))
        (server (nth 2 account))
        (port (nth 3 account))
        (stream (nth 4 account)))
    (add-to-list 'mu4e-contexts
                 (make-mu4e-context
                  :name name
                  :vars `((user-mail-address . ,address)
                          (smtpmail-smtp-server . ,server)
                          (smtpmail-smtp-service . ,port)
                          (smtpmail-stream-type . ,stream)))
                 t)))
(setq send-mail-function 'smtpmail-send-it
      mu4e-compose-context-policy 'pick-first)
