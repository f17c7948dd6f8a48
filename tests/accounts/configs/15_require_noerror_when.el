(when (require 'mu4e nil t)
  (setq mu4e-contexts
        (list (make-mu4e-context
               :name "Main"
               :vars '((user-mail-address . "kim@main.example")
                       (smtpmail-smtp-server . "smtp.main.example")
                       (smtpmail-smtp-service . 587)
                       (smtpmail-smtp-user . "kim")))
              (make-mu4e-context
               :name "Alt"
               :vars '((user-mail-address . "kim@alt.example")
                       (smtpmail-smtp-server . "smtp.alt.example")
                       (smtpmail-smtp-service . 465)
                       (smtpmail-stream-type . ssl)
                       (smtpmail-smtp-user . "kim@alt.example"))))))
(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it)
