(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it)
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "alpha"
             :vars (list (cons 'user-mail-address "frank@alpha.example")
                         (cons 'smtpmail-smtp-server "smtp.alpha.example")
                         (cons 'smtpmail-smtp-service 465)
                         (cons 'smtpmail-stream-type 'ssl)))
            (make-mu4e-context
             :name "beta"
             :vars (list (cons 'user-mail-address (concat "frank" "@" "beta.example"))
                         (cons 'smtpmail-smtp-server (format "smtp.%s" "beta.example"))
                         (cons 'smtpmail-smtp-service (+ 500 87))))))
