(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it)
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "env"
             :vars `((user-mail-address . ,(concat (user-login-name) "@env.example"))
                     (smtpmail-smtp-server . ,(or (getenv "MY_SMTP_SERVER") "smtp.env.example"))
                     (smtpmail-queue-dir . ,(expand-file-name "queue" "~/Mail"))))
            (make-mu4e-context
             :name "static"
             :vars '((user-mail-address . "static@static.example")
                     (smtpmail-smtp-server . "smtp.static.example")))))
