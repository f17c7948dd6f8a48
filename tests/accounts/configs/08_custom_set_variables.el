(custom-set-variables
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-smtp-server "smtp.default.example")
 '(smtpmail-smtp-service 587)
 '(user-full-name "Dan Default"))
(require 'mu4e)
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "A"
             :vars '((user-mail-address . "dan@a.example")
                     (smtpmail-smtp-server . "smtp.a.example")))
            (make-mu4e-context
             :name "B"
             :vars '((user-mail-address . "dan@b.example")
                     (user-full-name . "Daniel B.")
                     (smtpmail-smtp-service . 2525)))))
